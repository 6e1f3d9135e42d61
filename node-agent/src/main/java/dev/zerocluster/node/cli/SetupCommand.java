package dev.zerocluster.node.cli;

import dev.zerocluster.core.cli.ConfigOptions;
import dev.zerocluster.core.cli.ExitCodes;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "setup", mixinStandardHelpOptions = true,
        description = "Make the boot and OS configuration the node needs (USB gadget, UART, power tweaks).")
final class SetupCommand implements Callable<Integer> {
    @Mixin
    ConfigOptions options;

    @Option(names = "--dry-run", description = "Print the changes without making them.")
    boolean dryRun;

    @Override
    public Integer call() {
        NodeConfigs.load(options);
        return ExitCodes.notYetAvailable("zc-node setup");
    }
}
