package dev.zerocluster.core.system;

import java.io.IOException;
import java.time.Duration;
import java.util.List;

/** Runs an external program from an argument list (never a shell string), with a time limit. */
public interface CommandRunner {

    /**
     * Runs {@code argv} and waits at most {@code timeout}. A program that starts but runs too long
     * is killed and reported with {@code timedOut}; one that cannot start throws.
     */
    Result run(List<String> argv, Duration timeout) throws IOException;

    record Result(int exitCode, String stdout, String stderr, boolean timedOut) {
        public boolean ok() {
            return !timedOut && exitCode == 0;
        }
    }
}
