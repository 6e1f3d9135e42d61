package dev.zerocluster.core.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;

/** The keys both daemons have: {@code cluster} and {@code system.root}. */
public final class CommonKeys {
    /** The cluster's name becomes a topic level, so MQTT's '/', '+' and '#' cannot appear. */
    private static final Pattern CLUSTER = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,63}");

    private CommonKeys() {
    }

    public static String cluster(ConfigReader r) {
        return r.parsed("cluster", "default", "a name of letters, digits, '_' and '-' (at most 64)", text -> {
            if (!CLUSTER.matcher(text).matches()) {
                throw new IllegalArgumentException();
            }
            return text;
        });
    }

    /** An existing directory; "/" on a real board, a fake tree in tests. */
    public static Path systemRoot(ConfigReader r) {
        Path root = r.parsed("system.root", Path.of("/"), "an existing directory", text -> {
            Path p = Path.of(text).toAbsolutePath().normalize();
            if (!Files.isDirectory(p)) {
                throw new IllegalArgumentException(p + " is not a directory");
            }
            return p;
        });
        return root;
    }

    /** A path given in the configuration: used exactly as written, never under {@code system.root}. */
    public static Path path(ConfigReader r, String key, Path fallback) {
        return r.parsed(key, fallback, "a file path", text -> {
            if (text.isBlank() || text.indexOf('\0') >= 0) {
                throw new IllegalArgumentException();
            }
            return Path.of(text);
        });
    }
}
