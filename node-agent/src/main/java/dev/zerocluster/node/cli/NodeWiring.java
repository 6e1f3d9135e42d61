package dev.zerocluster.node.cli;

import dev.zerocluster.core.system.CommandRunner;
import dev.zerocluster.core.system.ProcessCommandRunner;
import dev.zerocluster.core.system.SystemRoot;
import dev.zerocluster.node.config.NodeConfig;
import dev.zerocluster.node.daemon.NodeDaemon;
import dev.zerocluster.node.health.HealthCollector;
import dev.zerocluster.node.setup.NodeSetup;
import dev.zerocluster.node.tweaks.PowerTweaks;
import java.time.Clock;

/**
 * Wires zc-node from its configuration by hand, with constructors: each command asks for the one
 * object it runs, and what that needs is built once, on first use. Only the command line sees it.
 *
 * <p>zc-node did this with Guice; a graph this small does not need it, and on a Pi Zero Guice and
 * the Guava it brings cost about 570 loaded classes and several MiB of resident memory for the
 * agent's whole life (the measured figures are in the README's "Dependencies"). zc-master keeps Guice.
 */
final class NodeWiring {
    private final NodeConfig config;
    private SystemRoot root;
    private CommandRunner commands;
    private HealthCollector collector;

    NodeWiring(NodeConfig config) {
        this.config = config;
    }

    SystemRoot systemRoot() {
        if (root == null) {
            root = new SystemRoot(config.systemRoot());
        }
        return root;
    }

    CommandRunner commands() {
        if (commands == null) {
            commands = new ProcessCommandRunner();
        }
        return commands;
    }

    Clock clock() {
        return Clock.systemUTC();
    }

    HealthCollector healthCollector() {
        if (collector == null) {
            collector = HealthCollector.create(systemRoot(), config.nodeId(), config.reportedLinks(), commands(),
                    clock());
        }
        return collector;
    }

    PowerTweaks powerTweaks() {
        return PowerTweaks.create(config.tweaks(), config.stateDir(), systemRoot(), commands());
    }

    NodeSetup nodeSetup() {
        return new NodeSetup(config, systemRoot());
    }

    NodeDaemon nodeDaemon() {
        return new NodeDaemon(config, systemRoot(), healthCollector(), commands(), clock());
    }
}
