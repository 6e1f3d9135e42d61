package dev.zerocluster.node.cli;

import dev.zerocluster.core.cli.ConfigOptions;
import dev.zerocluster.core.cli.ExitCodes;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(name = "tweaks", mixinStandardHelpOptions = true,
        description = "Apply, revert or show the runtime power tweaks (HDMI, ACT LED).")
final class TweaksCommand implements Callable<Integer> {
    enum Action { apply, revert, status }

    @Mixin
    ConfigOptions options;

    @Parameters(index = "0", paramLabel = "ACTION", description = "apply, revert or status")
    Action action;

    @Override
    public Integer call() {
        NodeConfigs.load(options);
        return ExitCodes.notYetAvailable("zc-node tweaks " + action);
    }
}
