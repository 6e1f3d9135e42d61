package dev.zerocluster.node.cli;

import dev.zerocluster.core.cli.ConfigOptions;
import dev.zerocluster.node.config.NodeConfig;

final class NodeConfigs {
    private NodeConfigs() {
    }

    static NodeConfig load(ConfigOptions options) {
        return NodeConfig.load(options.file(NodeConfig.DEFAULT_FILE), options.overrides());
    }
}
