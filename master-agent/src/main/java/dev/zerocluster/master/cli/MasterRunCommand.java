package dev.zerocluster.master.cli;

import dev.zerocluster.core.cli.ConfigOptions;
import dev.zerocluster.core.cli.ExitCodes;
import dev.zerocluster.master.config.MasterConfig;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "run", mixinStandardHelpOptions = true, description = "Run the master daemon.")
final class MasterRunCommand implements Callable<Integer> {
    @Mixin
    ConfigOptions options;

    @Override
    public Integer call() {
        MasterConfig.load(options.file(MasterConfig.DEFAULT_FILE), options.overrides());
        return ExitCodes.notYetAvailable("zc-master run");
    }
}
