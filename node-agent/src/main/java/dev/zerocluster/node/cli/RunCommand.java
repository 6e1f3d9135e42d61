package dev.zerocluster.node.cli;

import dev.zerocluster.core.cli.ConfigOptions;
import dev.zerocluster.node.daemon.NodeDaemon;
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
        NodeWiring wiring = new NodeWiring(NodeConfigs.load(options));
        // Power tweaks first: a node saves power from the start, link or no link (SPEC §5).
        wiring.powerTweaks().applyAtStart();
        NodeDaemon daemon = wiring.nodeDaemon();
        // SIGTERM (systemctl stop) runs the hook: a graceful offline, then the JVM exits.
        Runtime.getRuntime().addShutdownHook(new Thread(daemon::close, "shutdown"));
        daemon.start();
        new CountDownLatch(1).await();
        return 0;
    }
}
