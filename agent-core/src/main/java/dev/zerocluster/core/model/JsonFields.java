package dev.zerocluster.core.model;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;

/**
 * Reads one text field of a JSON object with jackson-core's streaming parser, for the small
 * messages a node receives ({@code master/status}, {@code master/ssh-key}), so that databind need
 * not load on a node (see {@link MessageWriter} for why).
 */
public final class JsonFields {
    /** The factory databind's {@code JsonMapper} uses, with its defaults. */
    private static final JsonFactory FACTORY = new JsonFactory();

    private JsonFields() {
    }

    /**
     * The text of the top-level field {@code name} (the last one if repeated); null when the field
     * is absent, null or not text, or the payload is not an object.
     *
     * @throws IOException when the payload is not well-formed JSON (the whole value is read)
     */
    public static String text(byte[] json, String name) throws IOException {
        try (JsonParser p = FACTORY.createParser(json)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                p.skipChildren();
                return null;
            }
            String found = null;
            JsonToken t;
            while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
                boolean wanted = name.equals(p.currentName());
                JsonToken value = p.nextToken();
                if (wanted) {
                    found = value == JsonToken.VALUE_STRING ? p.getText() : null;
                }
                p.skipChildren();
            }
            if (t != JsonToken.END_OBJECT) {
                throw new IOException("unexpected " + t + " in a JSON object");
            }
            return found;
        }
    }

    /** Whether a status message ({@code …/status}) says {@code online}; false for anything malformed. */
    public static boolean saysOnline(byte[] statusJson) {
        try {
            return StatusMessage.ONLINE.equals(text(statusJson, "state"));
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }
}
