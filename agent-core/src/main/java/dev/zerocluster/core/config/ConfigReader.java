package dev.zerocluster.core.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Hands out typed configuration values by dotted key and remembers which keys were asked for, so
 * that {@link #finish()} can refuse the ones nobody knows (a typo must not silently become a
 * default).
 *
 * <p>A value parser signals a bad value with {@link IllegalArgumentException}; its message says
 * what was expected and becomes part of the {@link ConfigException}.
 */
public final class ConfigReader {
    private final Map<String, ConfigNode> values;
    private final String prefix;
    private final Origin whole;
    private final Set<String> asked = new LinkedHashSet<>();

    private ConfigReader(Map<String, ConfigNode> values, String prefix, Origin whole) {
        this.values = values;
        this.prefix = prefix;
        this.whole = whole;
    }

    /**
     * Reads {@code file} (or nothing, when null) and then applies each {@code key=value} override in
     * order.
     */
    public static ConfigReader load(Path file, List<String> overrides) {
        Map<String, ConfigNode> flat = new LinkedHashMap<>();
        Origin whole = Origin.defaults();
        if (file != null) {
            ConfigNode.Mapping root = YamlDocument.readFile(file);
            flatten("", root, flat);
            whole = new Origin(file.toString(), 0);
        }
        for (String override : overrides) {
            int eq = override.indexOf('=');
            if (eq <= 0) {
                throw new ConfigException("--set expects key=value, got '" + override + "'");
            }
            String key = override.substring(0, eq).trim();
            Origin origin = Origin.ofOverride(key);
            // An override replaces the key and anything that was written below it.
            flat.keySet().removeIf(k -> k.equals(key) || k.startsWith(key + "."));
            flatten(key, YamlDocument.readValue(override.substring(eq + 1), origin), flat);
        }
        return new ConfigReader(flat, "", whole);
    }

    private static void flatten(String key, ConfigNode node, Map<String, ConfigNode> into) {
        if (node instanceof ConfigNode.Mapping m && !(key.isEmpty() && m.entries().isEmpty())) {
            if (m.entries().isEmpty()) {
                into.put(key, node);
                return;
            }
            for (Map.Entry<String, ConfigNode> e : m.entries().entrySet()) {
                String child = key.isEmpty() ? e.getKey() : key + "." + e.getKey();
                if (into.containsKey(child)) {
                    throw new ConfigException(e.getValue().origin().describe() + ": key '" + child
                            + "' is set twice (also at " + into.get(child).origin().describe() + ")");
                }
                flatten(child, e.getValue(), into);
            }
        } else if (!key.isEmpty()) {
            into.put(key, node);
        }
    }

    /** True when the key was written (in the file or with --set). */
    public boolean has(String key) {
        return values.containsKey(key);
    }

    public String string(String key, String fallback) {
        return optionalString(key).orElse(fallback);
    }

    public Optional<String> optionalString(String key) {
        return parsedOptional(key, "a text value", s -> s);
    }

    public boolean bool(String key, boolean fallback) {
        ConfigNode node = take(key);
        if (node == null) {
            return fallback;
        }
        if (node instanceof ConfigNode.Scalar s && s.kind() == ConfigNode.Kind.BOOLEAN) {
            return switch (s.text().toLowerCase(Locale.ROOT)) {
                case "true", "yes", "on", "y" -> true;
                default -> false;
            };
        }
        throw wrong(key, node, "true or false");
    }

    public int integer(String key, int fallback, int min, int max) {
        ConfigNode node = take(key);
        if (node == null) {
            return fallback;
        }
        if (node instanceof ConfigNode.Scalar s && s.kind() == ConfigNode.Kind.INTEGER) {
            try {
                long value = Long.decode(s.text());
                if (value >= min && value <= max) {
                    return (int) value;
                }
            } catch (NumberFormatException e) {
                // falls through to the range message
            }
            throw wrong(key, node, "a whole number from " + min + " to " + max);
        }
        throw wrong(key, node, "a whole number from " + min + " to " + max);
    }

    public long longInteger(String key, long fallback, long min, long max) {
        ConfigNode node = take(key);
        if (node == null) {
            return fallback;
        }
        if (node instanceof ConfigNode.Scalar s && s.kind() == ConfigNode.Kind.INTEGER) {
            try {
                long value = Long.decode(s.text());
                if (value >= min && value <= max) {
                    return value;
                }
            } catch (NumberFormatException e) {
                // falls through to the range message
            }
        }
        throw wrong(key, node, "a whole number from " + min + " to " + max);
    }

    public Duration duration(String key, Duration fallback) {
        return optionalDuration(key).orElse(fallback);
    }

    public Optional<Duration> optionalDuration(String key) {
        return parsedOptional(key, Durations.EXPECTED, Durations::parse);
    }

    /** A value from a fixed set of words, such as {@code off|on|keep}. */
    public <E extends Enum<E>> E choice(String key, E fallback) {
        Class<E> type = fallback.getDeclaringClass();
        StringBuilder allowed = new StringBuilder();
        for (E e : type.getEnumConstants()) {
            allowed.append(allowed.length() == 0 ? "" : "|").append(word(e));
        }
        return parsed(key, fallback, "one of " + allowed, text -> {
            for (E e : type.getEnumConstants()) {
                if (word(e).equals(text)) {
                    return e;
                }
            }
            throw new IllegalArgumentException();
        });
    }

    /** How an enum constant is written in YAML: {@code READ_ONLY} is {@code read-only}. */
    public static String word(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** A scalar turned into a type by {@code parser}; absent means {@code fallback}. */
    public <T> T parsed(String key, T fallback, String expected, Function<String, T> parser) {
        return parsedOptional(key, expected, parser).orElse(fallback);
    }

    public <T> Optional<T> parsedOptional(String key, String expected, Function<String, T> parser) {
        ConfigNode node = take(key);
        if (node == null || (node instanceof ConfigNode.Scalar n && n.kind() == ConfigNode.Kind.NULL)) {
            return Optional.empty();
        }
        if (!(node instanceof ConfigNode.Scalar s)) {
            throw wrong(key, node, expected);
        }
        try {
            return Optional.of(parser.apply(s.text()));
        } catch (IllegalArgumentException e) {
            String detail = e.getMessage() == null || e.getMessage().isBlank() ? "" : " (" + e.getMessage() + ")";
            throw wrong(key, node, expected + detail);
        }
    }

    /** A list of scalars, each turned into a type by {@code parser}. */
    public <T> List<T> list(String key, List<T> fallback, String expected, Function<String, T> parser) {
        ConfigNode node = take(key);
        if (node == null) {
            return fallback;
        }
        if (!(node instanceof ConfigNode.Sequence seq)) {
            throw wrong(key, node, "a list of " + expected);
        }
        List<T> out = new ArrayList<>();
        for (int i = 0; i < seq.items().size(); i++) {
            ConfigNode item = seq.items().get(i);
            String itemKey = key + "[" + i + "]";
            if (!(item instanceof ConfigNode.Scalar s) || s.kind() == ConfigNode.Kind.NULL) {
                throw wrong(itemKey, item, expected);
            }
            try {
                out.add(parser.apply(s.text()));
            } catch (IllegalArgumentException e) {
                String detail = e.getMessage() == null ? "" : " (" + e.getMessage() + ")";
                throw wrong(itemKey, item, expected + detail);
            }
        }
        return List.copyOf(out);
    }

    /** A list of mappings, one reader each; each reader must be {@link #finish() finished}. */
    public List<ConfigReader> mappings(String key) {
        ConfigNode node = take(key);
        if (node == null) {
            return List.of();
        }
        if (!(node instanceof ConfigNode.Sequence seq)) {
            throw wrong(key, node, "a list of mappings");
        }
        List<ConfigReader> out = new ArrayList<>();
        for (int i = 0; i < seq.items().size(); i++) {
            ConfigNode item = seq.items().get(i);
            String itemKey = prefix + key + "[" + i + "]";
            if (!(item instanceof ConfigNode.Mapping m)) {
                throw wrong(key + "[" + i + "]", item, "a mapping");
            }
            Map<String, ConfigNode> flat = new LinkedHashMap<>();
            flatten("", m, flat);
            out.add(new ConfigReader(flat, itemKey + ".", item.origin()));
        }
        return out;
    }

    /** An error about {@code key}, placed at the line where it was written (or the whole file). */
    public ConfigException error(String key, String message) {
        ConfigNode node = values.get(key);
        Origin at = node == null ? whole : node.origin();
        return new ConfigException(at.describe() + ": key '" + prefix + key + "': " + message);
    }

    /** Refuses every key that was written but never asked for. */
    public void finish() {
        for (Map.Entry<String, ConfigNode> e : values.entrySet()) {
            if (!asked.contains(e.getKey())) {
                String hint = closest(e.getKey()).map(k -> " (did you mean '" + prefix + k + "'?)").orElse("");
                throw new ConfigException(e.getValue().origin().describe() + ": unknown key '" + prefix
                        + e.getKey() + "'" + hint);
            }
        }
    }

    private ConfigNode take(String key) {
        asked.add(key);
        return values.get(key);
    }

    private ConfigException wrong(String key, ConfigNode node, String expected) {
        return new ConfigException(node.origin().describe() + ": key '" + prefix + key + "': expected "
                + expected + ", found " + node.describeType());
    }

    private Optional<String> closest(String unknown) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String known : asked) {
            int d = distance(unknown, known);
            if (d < bestDistance) {
                bestDistance = d;
                best = known;
            }
        }
        return bestDistance <= Math.max(2, unknown.length() / 4) ? Optional.ofNullable(best) : Optional.empty();
    }

    private static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
