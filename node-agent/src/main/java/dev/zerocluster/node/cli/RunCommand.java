package dev.zerocluster.node.cli;

import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Stage;
import dev.zerocluster.core.cli.ConfigOptions;
import dev.zerocluster.node.daemon.NodeDaemon;
import dev.zerocluster.node.tweaks.PowerTweaks;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "run", mixinStandardHelpOptions = true, description = "Run the node daemon (until SIGTERM).")
final class RunCommand implements Callable<Integer> {
    @Mixin
    ConfigOptions options;

    @Override
    public Integer call() throws InterruptedException {
        Injector injector = Guice.createInjector(Stage.PRODUCTION, new NodeModule(NodeConfigs.load(options)));
        // Power tweaks first: a node saves power from the start, link or no link (SPEC §5).
        injector.getInstance(PowerTweaks.class).applyAtStart();
        NodeDaemon daemon = injector.getInstance(NodeDaemon.class);
        // SIGTERM (systemctl stop) runs the hook: a graceful offline, then the JVM exits.
        Runtime.getRuntime().addShutdownHook(new Thread(daemon::close, "shutdown"));
        daemon.start();
        new CountDownLatch(1).await();
        return 0;
    }
}
