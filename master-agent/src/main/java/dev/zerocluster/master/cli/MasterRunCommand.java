package dev.zerocluster.master.cli;

import com.google.inject.Guice;
import com.google.inject.Stage;
import dev.zerocluster.core.cli.ConfigOptions;
import dev.zerocluster.core.cli.CommandFailedException;
import dev.zerocluster.master.config.MasterConfig;
import dev.zerocluster.master.daemon.MasterDaemon;
import java.io.IOException;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "run", mixinStandardHelpOptions = true, description = "Run the master daemon (until SIGTERM).")
final class MasterRunCommand implements Callable<Integer> {
    @Mixin
    ConfigOptions options;

    @Override
    public Integer call() throws InterruptedException {
        MasterConfig config = MasterConfig.load(options.file(MasterConfig.DEFAULT_FILE), options.overrides());
        MasterDaemon daemon = unwrap(() -> Guice.createInjector(Stage.PRODUCTION, new MasterModule(config))
                .getInstance(MasterDaemon.class));
        try {
            daemon.start();
        } catch (IOException e) {
            throw new CommandFailedException("cannot start: " + e.getMessage(), e);
        }
        Runtime.getRuntime().addShutdownHook(new Thread(daemon::closeBeforeExit, "shutdown"));
        new CountDownLatch(1).await();
        return 0;
    }

    /** Guice wraps what a provider throws; the user should see our message, not Guice's. */
    static <T> T unwrap(java.util.function.Supplier<T> build) {
        try {
            return build.get();
        } catch (com.google.inject.ProvisionException | com.google.inject.CreationException e) {
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t instanceof RuntimeException r && !(t instanceof com.google.inject.ProvisionException)
                        && !(t instanceof com.google.inject.CreationException)) {
                    throw r;
                }
            }
            throw e;
        }
    }
}
