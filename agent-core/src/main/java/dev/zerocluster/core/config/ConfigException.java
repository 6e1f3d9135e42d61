package dev.zerocluster.core.config;

/** A configuration that cannot be used; the message names where and why. Exit code 78. */
public final class ConfigException extends RuntimeException {
    public static final int EXIT_CODE = 78;

    public ConfigException(String message) {
        super(message);
    }

    public ConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}
