package dev.zerocluster.node.tweaks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zerocluster.core.model.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The remembered LED state, read and written without databind, in the format databind wrote. */
class LedMemoryTest {
    @TempDir
    Path stateDir;

    @Test
    void writesWhatDatabindWroteAndReadsItBack() throws IOException {
        LedMemory memory = new LedMemory(stateDir);
        for (LedMemory.Saved saved : new LedMemory.Saved[] {new LedMemory.Saved("ACT", "actpwr", 0),
                new LedMemory.Saved(null, "mmc0", 255), new LedMemory.Saved("led\"0", "default-on", 1)}) {
            memory.save(saved);
            assertThat(Files.readString(memory.file(), StandardCharsets.UTF_8))
                    .isEqualTo(Json.mapper().writeValueAsString(saved));
            assertThat(memory.load()).isEqualTo(saved);
        }
    }

    @Test
    void readsWhatDatabindReadUnknownFieldsIgnoredMissingBrightnessZero() throws IOException {
        LedMemory memory = new LedMemory(stateDir);
        Files.writeString(memory.file(), "{\"trigger\":\"mmc0\",\"extra\":{\"a\":[1,2]}}");
        assertThat(memory.load()).isEqualTo(new LedMemory.Saved(null, "mmc0", 0));
        assertThat(memory.load()).isEqualTo(Json.mapper().readValue(Files.readAllBytes(memory.file()),
                LedMemory.Saved.class));
    }

    @Test
    void aFileThatHoldsNoStateIsAnErrorNamingIt() throws IOException {
        LedMemory memory = new LedMemory(stateDir);
        assertThat(memory.load()).as("no file: nothing remembered").isNull();
        for (String bad : new String[] {"", "null", "[1]", "{\"trigger\":5,\"brightness\":0}",
                "{\"trigger\":\"mmc0\",\"brightness\":\"x\"}", "{\"trigger\":\"mmc0\"", "{\"brightness\":0}"}) {
            Files.writeString(memory.file(), bad);
            assertThatThrownBy(memory::load).as(bad).isInstanceOf(IOException.class)
                    .hasMessageStartingWith(memory.file() + " does not hold a remembered LED state");
        }
    }
}
