package dev.zerocluster.core.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** {@code --config} and {@code --set}, mixed into every command of both daemons. */
public final class ConfigOptions {
    @Option(names = "--config", paramLabel = "FILE",
            description = "Configuration file (default: the one in /etc/zerocluster if it exists, else built-in"
                    + " defaults).")
    Path config;

    @Option(names = "--set", paramLabel = "KEY=VALUE",
            description = "Override one configuration key, e.g. --set health.interval=5s (repeatable).")
    List<String> overrides = new ArrayList<>();

    /** The file named with --config (which must then exist), else the default one if it exists, else null. */
    public Path file(Path defaultFile) {
        if (config != null) {
            return config;
        }
        return Files.exists(defaultFile) ? defaultFile : null;
    }

    public List<String> overrides() {
        return List.copyOf(overrides);
    }
}
