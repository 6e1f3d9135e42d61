package dev.zerocluster.master.cli;

import dev.zerocluster.core.cli.ExitCodes;
import java.io.PrintWriter;
import picocli.CommandLine.Command;

/** {@code zc-master}: the master daemon and the commands that ask it things. */
@Command(name = "zc-master", mixinStandardHelpOptions = true, versionProvider = ExitCodes.Version.class,
        description = "The zerocluster master: notices Pi Zeros as they are plugged in, gives them addresses,"
                + " lists them for MPI and shows the cluster on a live dashboard.",
        subcommands = {MasterRunCommand.class, StatusCommand.class, CmdCommand.class, MosquittoConfigCommand.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:ok", "1:failure", "2:usage error", "78:configuration error"})
public final class ZcMaster {

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the command line and returns the exit code (tests call this instead of {@link #main}). */
    public static int run(String... args) {
        return ExitCodes.commandLine(new ZcMaster(), "zc-master").execute(args);
    }

    /** The same with the given output and error streams. */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        return ExitCodes.commandLine(new ZcMaster(), "zc-master").setOut(out).setErr(err).execute(args);
    }
}
