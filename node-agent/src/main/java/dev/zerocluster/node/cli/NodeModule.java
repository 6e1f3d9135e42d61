package dev.zerocluster.node.cli;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import dev.zerocluster.core.system.CommandRunner;
import dev.zerocluster.core.system.ProcessCommandRunner;
import dev.zerocluster.core.system.SystemRoot;
import dev.zerocluster.node.config.NodeConfig;
import dev.zerocluster.node.health.HealthCollector;
import dev.zerocluster.node.health.LinkReader;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

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
        List<LinkReader.Spec> links = new ArrayList<>();
        if (config.usb().enabled()) {
            links.add(new LinkReader.Spec(config.usb().iface(), "usb"));
        }
        if (config.serial().enabled()) {
            links.add(new LinkReader.Spec(config.serial().protocol().iface(), "serial"));
        }
        return HealthCollector.create(root, config.nodeId(), links, commands, clock);
    }
}
