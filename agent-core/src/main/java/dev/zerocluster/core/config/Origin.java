package dev.zerocluster.core.config;

/**
 * Where a value came from: a file and line, or a {@code --set} option (line 0).
 */
public record Origin(String source, int line) {
    public static Origin ofOverride(String key) {
        return new Origin("--set " + key, 0);
    }

    public static Origin defaults() {
        return new Origin("built-in defaults", 0);
    }

    /** "node.yaml line 7" or "--set health.interval". */
    public String describe() {
        return line > 0 ? source + " line " + line : source;
    }
}
