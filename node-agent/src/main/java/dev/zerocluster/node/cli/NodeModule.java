package dev.zerocluster.node.cli;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import dev.zerocluster.core.system.CommandRunner;
import dev.zerocluster.core.system.ProcessCommandRunner;
import dev.zerocluster.core.system.SystemRoot;
import dev.zerocluster.node.config.NodeConfig;
import dev.zerocluster.node.daemon.NodeDaemon;
import dev.zerocluster.node.health.HealthCollector;
import dev.zerocluster.node.setup.NodeSetup;
import dev.zerocluster.node.tweaks.PowerTweaks;
import java.time.Clock;

/** Wires zc-node from its configuration. Only the command line sees the injector. */
final class NodeModule extends AbstractModule {
    private final NodeConfig config;

    NodeModule(NodeConfig config) {
        this.config = config;
    }

    @Override
    protected void configure() {
        bind(NodeConfig.class).toInstance(config);
        bind(CommandRunner.class).to(ProcessCommandRunner.class).in(Singleton.class);
        bind(Clock.class).toInstance(Clock.systemUTC());
    }

    @Provides
    @Singleton
    SystemRoot systemRoot() {
        return new SystemRoot(config.systemRoot());
    }

    @Provides
    @Singleton
    HealthCollector healthCollector(SystemRoot root, CommandRunner commands, Clock clock) {
        return HealthCollector.create(root, config.nodeId(), config.reportedLinks(), commands, clock);
    }

    @Provides
    @Singleton
    PowerTweaks powerTweaks(SystemRoot root, CommandRunner commands) {
        return PowerTweaks.create(config.tweaks(), config.stateDir(), root, commands);
    }

    @Provides
    NodeSetup nodeSetup(SystemRoot root) {
        return new NodeSetup(config, root);
    }

    @Provides
    @Singleton
    NodeDaemon nodeDaemon(SystemRoot root, HealthCollector collector, CommandRunner commands, Clock clock) {
        return new NodeDaemon(config, root, collector, commands, clock);
    }
}
