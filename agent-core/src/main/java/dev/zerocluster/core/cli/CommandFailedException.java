package dev.zerocluster.core.cli;

/** An expected failure of a command: its message is the whole story (exit 1, no stack trace). */
public final class CommandFailedException extends RuntimeException {
    public CommandFailedException(String message) {
        super(message);
    }

    public CommandFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
