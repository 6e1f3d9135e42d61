package dev.zerocluster.master.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zerocluster.core.model.NodeId;
import dev.zerocluster.core.mqtt.Credentials;
import dev.zerocluster.core.mqtt.Topics;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MosquittoFilesTest {
    static final String TOKEN = "0123456789abcdef-join-token";
    static final String SECRET = "f".repeat(64);

    @TempDir
    Path dir;

    final MosquittoFiles files = new MosquittoFiles("lab", TOKEN, SECRET, new SecureRandom());

    @Test
    void thePasswordFileHasTheMasterAndEachNodeOnceWithTheirPasswords() {
        List<String> lines = files.passwords(List.of(NodeId.of("zero-b"), NodeId.of("zero-a"), NodeId.of("zero-b")))
                .lines().toList();
        assertThat(lines).extracting(l -> l.substring(0, l.indexOf(':')))
                .containsExactly(Credentials.MASTER_USER, "zero-a", "zero-b");
        assertThat(passwordMatches(lines.get(0), SECRET)).isTrue();
        assertThat(passwordMatches(lines.get(1), Credentials.nodePassword(TOKEN, NodeId.of("zero-a")))).isTrue();
        assertThat(passwordMatches(lines.get(1), Credentials.nodePassword(TOKEN, NodeId.of("zero-b")))).isFalse();
    }

    @Test
    void theSnippetTiesTheListenerToTheFiles() {
        String conf = files.conf(new MosquittoFiles.Listener(1883, Optional.empty()), Path.of("/etc/mosquitto"));
        List<String> settings = conf.lines().filter(l -> !l.startsWith("#")).toList();
        assertThat(settings).containsExactly(
                "listener 1883",
                "use_username_as_clientid true",
                "allow_anonymous false",
                "password_file /etc/mosquitto/zerocluster.passwd",
                "acl_file /etc/mosquitto/zerocluster.acl",
                "message_size_limit 1048576",
                "persistence false");
        assertThat(files.conf(new MosquittoFiles.Listener(18830, Optional.of("127.0.0.1")), Path.of("/srv/m")))
                .contains("\nlistener 18830 127.0.0.1\n").contains("\npassword_file /srv/m/zerocluster.passwd\n");
    }

    @Test
    void nothingCanSlipAnotherSettingIntoTheSnippet() {
        MosquittoFiles.Listener listener = new MosquittoFiles.Listener(1883, Optional.empty());
        assertThatThrownBy(() -> files.conf(listener, Path.of("/etc/mosquitto\nallow_anonymous true")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> files.conf(listener, Path.of("/my dir"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> files.conf(listener, Path.of("relative"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new MosquittoFiles.Listener(1883, Optional.of("0.0.0.0\nallow_anonymous true")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new MosquittoFiles.Listener(0, Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void writesTheThreeFilesThePasswordsForTheOwnerOnly() throws IOException {
        MosquittoFiles.Written written = files.writeTo(dir, List.of(NodeId.of("zero-a")),
                new MosquittoFiles.Listener(1883, Optional.empty()), Path.of("/etc/mosquitto"));
        assertThat(written.passwordFile()).isEqualTo(dir.resolve("zerocluster.passwd"));
        assertThat(mode(written.passwordFile())).isEqualTo("rw-------");
        assertThat(mode(written.aclFile())).isEqualTo("rw-r--r--");
        assertThat(mode(written.confFile())).isEqualTo("rw-r--r--");
        assertThat(Files.readString(written.aclFile())).isEqualTo(MosquittoAcl.render(new Topics("lab")));
        try (Stream<Path> entries = Files.list(dir)) {
            assertThat(entries.map(p -> p.getFileName().toString()))
                    .containsExactlyInAnyOrder("zerocluster.passwd", "zerocluster.acl", "zerocluster.conf");
        }

        // A second run replaces the files: the node list is the whole truth each time.
        files.writeTo(dir, List.of(NodeId.of("zero-b")), new MosquittoFiles.Listener(1883, Optional.empty()),
                Path.of("/etc/mosquitto"));
        assertThat(Files.readString(written.passwordFile())).contains("\nzero-b:").doesNotContain("zero-a:");
    }

    /** Checks a password-file line the way Mosquitto does: PBKDF2 of the given password with the line's salt. */
    static boolean passwordMatches(String line, String password) {
        String[] parts = line.substring(line.indexOf(':') + 1).split("\\$");
        byte[] salt = Base64.getDecoder().decode(parts[3]);
        byte[] hash = MosquittoPasswords.hash(password, salt, Integer.parseInt(parts[2]));
        return Base64.getEncoder().encodeToString(hash).equals(parts[4]);
    }

    private static String mode(Path file) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(file));
    }
}
