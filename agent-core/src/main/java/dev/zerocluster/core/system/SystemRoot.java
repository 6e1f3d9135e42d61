package dev.zerocluster.core.system;

import java.nio.file.Path;

/**
 * The prefix for every fixed host path ({@code /proc}, {@code /sys}, {@code /boot}, {@code /etc},
 * {@code /dev}, {@code /usr/bin}…) that an agent reads or writes on its own (config key
 * {@code system.root}). Tests point it at a fake tree. Paths written in the configuration are not
 * taken through here: they are used as written.
 */
public final class SystemRoot {
    private final Path root;

    public SystemRoot(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    /** {@code /proc/uptime} under this root. */
    public Path path(String absolute) {
        if (!absolute.startsWith("/")) {
            throw new IllegalArgumentException("not an absolute host path: " + absolute);
        }
        return root.resolve(absolute.substring(1));
    }

    public Path root() {
        return root;
    }

    /** The root the agent runs on for real. */
    public boolean isHost() {
        return root.equals(Path.of("/"));
    }

    @Override
    public String toString() {
        return root.toString();
    }
}
