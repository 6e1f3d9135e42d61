package dev.zerocluster.core.cli;

import dev.zerocluster.core.config.ConfigException;
import java.io.PrintWriter;
import picocli.CommandLine;

/** Exit codes and error printing for both daemons' command lines (SPEC §2). */
public final class ExitCodes {
    public static final int OK = 0;
    public static final int FAILURE = 1;
    public static final int USAGE = 2;
    public static final int CONFIG = ConfigException.EXIT_CODE;

    private ExitCodes() {
    }

    /**
     * A picocli command line whose errors become one line on stderr: a configuration error exits 78,
     * a usage error 2 (picocli's own), anything else 1.
     */
    public static CommandLine commandLine(Object command, String name) {
        CommandLine cl = new CommandLine(command);
        cl.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            PrintWriter err = commandLine.getErr();
            if (e instanceof ConfigException) {
                err.println(name + ": configuration error: " + e.getMessage());
                err.flush();
                return CONFIG;
            }
            err.println(name + ": " + (e.getMessage() == null ? e.toString() : e.getMessage()));
            if (!(e instanceof CommandFailedException || e instanceof java.io.IOException)) {
                // Not an expected failure: the stack trace is what a bug report needs.
                e.printStackTrace(err);
            }
            err.flush();
            return FAILURE;
        });
        return cl;
    }

    /** For a command whose capability this version does not have yet: exit 1 with a clear line. */
    public static int notYetAvailable(String command) {
        throw new CommandFailedException(command + " is not yet available in zerocluster " + version());
    }

    public static String version() {
        String v = ExitCodes.class.getPackage().getImplementationVersion();
        return v == null ? "(development build)" : v;
    }

    /** {@code --version} for both commands. */
    public static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"zerocluster " + version()};
        }
    }
}
