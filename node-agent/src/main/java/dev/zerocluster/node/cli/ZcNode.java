package dev.zerocluster.node.cli;

import dev.zerocluster.core.cli.ConfigOptions;
import dev.zerocluster.core.cli.ExitCodes;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code zc-node}: the node agent. Without a command it runs the daemon. */
@Command(name = "zc-node", mixinStandardHelpOptions = true, versionProvider = ExitCodes.Version.class,
        description = "The zerocluster node agent: brings up the link to the master, switches off what wastes"
                + " power, and reports health over MQTT.",
        subcommands = {RunCommand.class, HealthCommand.class, SetupCommand.class, TweaksCommand.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:ok", "1:failure", "2:usage error", "78:configuration error"})
public final class ZcNode implements Callable<Integer> {
    @Mixin
    ConfigOptions options;

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the command line and returns the exit code (tests call this instead of {@link #main}). */
    public static int run(String... args) {
        return ExitCodes.commandLine(new ZcNode(), "zc-node").execute(args);
    }

    /** The same with the given output and error streams. */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        return ExitCodes.commandLine(new ZcNode(), "zc-node").setOut(out).setErr(err).execute(args);
    }

    @Override
    public Integer call() throws Exception {
        RunCommand run = new RunCommand();
        run.options = options;
        return run.call();
    }
}
