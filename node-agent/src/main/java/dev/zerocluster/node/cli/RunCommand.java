package dev.zerocluster.node.cli;

import dev.zerocluster.core.cli.ConfigOptions;
import dev.zerocluster.core.cli.ExitCodes;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "run", mixinStandardHelpOptions = true, description = "Run the node daemon.")
final class RunCommand implements Callable<Integer> {
    @Mixin
    ConfigOptions options;

    @Override
    public Integer call() {
        NodeConfigs.load(options);
        return ExitCodes.notYetAvailable("zc-node run");
    }
}
