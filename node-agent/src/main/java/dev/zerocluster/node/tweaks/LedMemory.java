package dev.zerocluster.node.tweaks;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.zerocluster.core.model.Json;
import dev.zerocluster.core.system.AtomicFile;
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
 */
public final class LedMemory {
    /** Kernel trigger names: mmc0, kbd-scrolllock, default-on, rfkill-any, phy0rx, … */
    private static final Pattern TRIGGER = Pattern.compile("[A-Za-z0-9_.:+-]{1,64}");

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
            saved = Json.mapper().readValue(bytes, Saved.class);
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
        AtomicFile.write(file, Json.mapper().writeValueAsBytes(saved), null);
    }

    public void clear() throws IOException {
        Files.deleteIfExists(file);
    }
}
