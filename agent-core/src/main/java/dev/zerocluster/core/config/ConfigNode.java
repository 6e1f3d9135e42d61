package dev.zerocluster.core.config;

import java.util.List;
import java.util.Map;

/** One YAML value with the place it was written. */
public sealed interface ConfigNode {
    Origin origin();

    /** A plain value; {@code kind} is how YAML typed it (a quoted "5" is a STRING). */
    record Scalar(String text, Kind kind, Origin origin) implements ConfigNode {
    }

    /** Keys in file order. */
    record Mapping(Map<String, ConfigNode> entries, Origin origin) implements ConfigNode {
    }

    record Sequence(List<ConfigNode> items, Origin origin) implements ConfigNode {
    }

    enum Kind { STRING, INTEGER, DECIMAL, BOOLEAN, NULL }

    /** What a user would call this node in an error message. */
    default String describeType() {
        if (this instanceof Mapping) {
            return "a mapping";
        }
        if (this instanceof Sequence) {
            return "a list";
        }
        Scalar s = (Scalar) this;
        return switch (s.kind()) {
            case NULL -> "an empty value";
            case BOOLEAN -> "the boolean '" + s.text() + "'";
            case INTEGER, DECIMAL -> "the number " + s.text();
            case STRING -> "'" + s.text() + "'";
        };
    }
}
