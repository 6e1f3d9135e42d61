package dev.zerocluster.core.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.regex.Pattern;

/**
 * A node's id: {@code [a-z0-9][a-z0-9-]{0,62}} (SPEC §3). It becomes an MQTT topic level, a
 * broker user name, a host name and a line in the machinefile, so nothing else may pass.
 */
public record NodeId(String value) {
    public static final String RULE = "an id of lower-case letters, digits and '-', starting with a letter or"
            + " digit, at most 63 characters";
    private static final Pattern FORMAT = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");

    public NodeId {
        if (value == null || !FORMAT.matcher(value).matches()) {
            throw new IllegalArgumentException("'" + value + "' is not " + RULE);
        }
    }

    @JsonCreator
    public static NodeId of(String value) {
        return new NodeId(value);
    }

    public static boolean isValid(String value) {
        return value != null && FORMAT.matcher(value).matches();
    }

    @JsonValue
    @Override
    public String toString() {
        return value;
    }
}
