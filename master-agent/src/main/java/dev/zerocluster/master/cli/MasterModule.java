package dev.zerocluster.master.cli;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import dev.zerocluster.core.cli.CommandFailedException;
import dev.zerocluster.master.config.MasterConfig;
import dev.zerocluster.master.daemon.MasterDaemon;
import java.io.IOException;
import java.time.Clock;

/** Wires zc-master from its configuration. Only the command line sees the injector. */
final class MasterModule extends AbstractModule {
    private final MasterConfig config;

    MasterModule(MasterConfig config) {
        this.config = config;
    }

    @Override
    protected void configure() {
        bind(MasterConfig.class).toInstance(config);
        bind(Clock.class).toInstance(Clock.systemUTC());
    }

    @Provides
    @Singleton
    MasterDaemon masterDaemon(Clock clock) {
        try {
            return new MasterDaemon(config, clock);
        } catch (IOException e) {
            throw new CommandFailedException("cannot start: " + e.getMessage(), e);
        }
    }
}
