package dev.zerocluster.node.tweaks;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import dev.zerocluster.core.system.AtomicFile;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * How the ACT LED was before zerocluster switched it off, so that {@code tweaks revert} can put it
 * back: {@code <state.dir>/act-led.json}, e.g. {@code {"led":"ACT","trigger":"actpwr","brightness":0}}.
 * It survives a restart of the agent (a reboot puts the LED back by itself, and then the next
 * switch-off remembers afresh).
 *
 * <p>Read and written with jackson-core's streaming API rather than databind: {@code zc-node run}
 * switches the LED off at start, and databind's classes would stay loaded for the agent's life
 * (see {@code MessageWriter} in agent-core). Unknown fields are ignored, a missing brightness is 0.
 */
public final class LedMemory {
    /** Kernel trigger names: mmc0, kbd-scrolllock, default-on, rfkill-any, phy0rx, … */
    private static final Pattern TRIGGER = Pattern.compile("[A-Za-z0-9_.:+-]{1,64}");
    private static final JsonFactory JSON = new JsonFactory();

    private final Path file;

    /** What was remembered. */
    public record Saved(String led, String trigger, int brightness) {
    }

    public LedMemory(Path stateDir) {
        this.file = stateDir.resolve("act-led.json");
    }

    public Path file() {
        return file;
    }

    /** The remembered state, or null if none; a file that does not hold one is an error naming it. */
    public Saved load() throws IOException {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return null;
        }
        Saved saved;
        try {
            saved = parse(bytes);
        } catch (JsonProcessingException e) {
            throw new IOException(file + " does not hold a remembered LED state: " + e.getOriginalMessage(), e);
        }
        if (saved == null || saved.trigger() == null || !TRIGGER.matcher(saved.trigger()).matches()
                || saved.brightness() < 0) {
            throw new IOException(file + " does not hold a remembered LED state (trigger name and brightness >= 0)");
        }
        return saved;
    }

    public void save(Saved saved) throws IOException {
        Files.createDirectories(file.getParent());
        AtomicFile.write(file, toJson(saved), null);
    }

    static byte[] toJson(Saved saved) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(96);
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartObject();
            g.writeFieldName("led");
            if (saved.led() == null) {
                g.writeNull();
            } else {
                g.writeString(saved.led());
            }
            g.writeFieldName("trigger");
            if (saved.trigger() == null) {
                g.writeNull();
            } else {
                g.writeString(saved.trigger());
            }
            g.writeNumberField("brightness", saved.brightness());
            g.writeEndObject();
        }
        return out.toByteArray();
    }

    /** Null for a JSON {@code null}; a value that is not an object, or a field of the wrong type, fails. */
    static Saved parse(byte[] json) throws IOException {
        try (JsonParser p = JSON.createParser(json)) {
            JsonToken t = p.nextToken();
            if (t == JsonToken.VALUE_NULL) {
                return null;
            }
            if (t != JsonToken.START_OBJECT) {
                throw new JsonParseException(p, "expected an object, found " + t);
            }
            String led = null;
            String trigger = null;
            int brightness = 0;
            while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken value = p.nextToken();
                switch (name) {
                    case "led" -> led = textOrNull(p, value);
                    case "trigger" -> trigger = textOrNull(p, value);
                    case "brightness" -> {
                        if (value != JsonToken.VALUE_NUMBER_INT) {
                            throw new JsonParseException(p, "brightness is not an integer");
                        }
                        brightness = p.getIntValue();
                    }
                    default -> p.skipChildren();
                }
            }
            if (t != JsonToken.END_OBJECT) {
                throw new JsonParseException(p, "unexpected " + t);
            }
            return new Saved(led, trigger, brightness);
        }
    }

    private static String textOrNull(JsonParser p, JsonToken value) throws IOException {
        if (value == JsonToken.VALUE_NULL) {
            return null;
        }
        if (value != JsonToken.VALUE_STRING) {
            throw new JsonParseException(p, "expected text, found " + value);
        }
        return p.getText();
    }

    public void clear() throws IOException {
        Files.deleteIfExists(file);
    }
}
