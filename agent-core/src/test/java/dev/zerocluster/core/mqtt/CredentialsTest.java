package dev.zerocluster.core.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zerocluster.core.model.NodeId;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CredentialsTest {
    @TempDir
    Path dir;

    @Test
    void theNodePasswordIsTheDocumentedHmac() {
        // Same as: printf 'zerocluster-node:zero-a1b2c3d4' | openssl dgst -sha256 -hmac 'correct horse battery staple'
        assertThat(Credentials.nodePassword("correct horse battery staple", NodeId.of("zero-a1b2c3d4")))
                .isEqualTo("d79fbd0d4372bc9f64c1affd6e35c0b9cfc619625f02af76addcc2c6c6ca20ef");
        assertThat(Credentials.nodePassword("t0ken-t0ken-t0ken", NodeId.of("zero-1")))
                .isNotEqualTo(Credentials.nodePassword("t0ken-t0ken-t0ken", NodeId.of("zero-2")));
    }

    @Test
    void matchesComparesBytes() {
        assertThat(Credentials.matches("abc", "abc".getBytes(StandardCharsets.UTF_8))).isTrue();
        assertThat(Credentials.matches("abc", "abd".getBytes(StandardCharsets.UTF_8))).isFalse();
        assertThat(Credentials.matches("abc", null)).isFalse();
    }

    @Test
    void theTokenFileIsTrimmedAndMustBeLongEnough() throws IOException {
        Path f = dir.resolve("join-token");
        assertThat(Credentials.readToken(f)).isEmpty();
        Files.writeString(f, "  0123456789abcdef0123\n");
        assertThat(Credentials.readToken(f)).contains("0123456789abcdef0123");
        Files.writeString(f, "short\n");
        assertThatThrownBy(() -> Credentials.readToken(f)).hasMessageContaining("shorter than 16");
    }
}
