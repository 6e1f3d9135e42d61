package dev.zerocluster.node.ssh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zerocluster.core.model.SshPublicKey;
import dev.zerocluster.core.system.SystemRoot;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuthorizedKeysTest {
    static final String KEY = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIKnwBUJRJ5vMUPNX9oBXlxiezegm3xYeY/k+0yith4lm master";
    static final String OTHER = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOPmv4LwC5Y1cSu5tpZpH2E8bqI1QwvqLPVTEp9wHwE1 laptop";

    @TempDir
    Path root;

    @BeforeEach
    void setUp() throws IOException {
        Files.createDirectories(root.resolve("etc"));
        Files.createDirectories(root.resolve("home/pi"));
        Files.writeString(root.resolve("etc/passwd"), "root:x:0:0:root:/root:/bin/bash\n"
                + "pi:x:1000:1000:,,,:/home/pi:/bin/bash\n");
    }

    @Test
    void theKeyIsAddedOnceWithSshdsModesAndOwner() throws IOException {
        AuthorizedKeys keys = new AuthorizedKeys(new SystemRoot(root), "pi");
        assertThat(keys.add(SshPublicKey.parse(KEY))).isTrue();
        assertThat(keys.add(SshPublicKey.parse(KEY.replace(" master", " another comment")))).isFalse();
        Path file = root.resolve("home/pi/.ssh/authorized_keys");
        assertThat(Files.readAllLines(file)).containsExactly(KEY);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent()))).isEqualTo("rwx------");
        assertThat(Files.getAttribute(file, "unix:uid")).isEqualTo(1000);
        assertThat(Files.getAttribute(file.getParent(), "unix:gid")).isEqualTo(1000);
    }

    @Test
    void linesAlreadyThereStayInTheirOrder() throws IOException {
        Path file = root.resolve("home/pi/.ssh/authorized_keys");
        Files.createDirectories(file.getParent());
        Files.writeString(file, "# my keys\n" + OTHER + "\ncommand=\"/bin/true\" " + OTHER + "\n");
        new AuthorizedKeys(new SystemRoot(root), "pi").add(SshPublicKey.parse(KEY));
        assertThat(Files.readAllLines(file)).containsExactly("# my keys", OTHER, "command=\"/bin/true\" " + OTHER, KEY);
    }

    @Test
    void anUnknownUserIsAClearError() {
        assertThatThrownBy(() -> new AuthorizedKeys(new SystemRoot(root), "alarm").add(SshPublicKey.parse(KEY)))
                .hasMessageContaining("user alarm (ssh.user) has no usable entry");
    }

    @Test
    void keysAreCheckedStrictly() {
        assertThatThrownBy(() -> SshPublicKey.parse("ssh-ed25519 AAAA\nssh-rsa AAAA")).hasMessageContaining("one");
        assertThatThrownBy(() -> SshPublicKey.parse("command=\"rm -rf /\" " + KEY)).hasMessageContaining("type");
        assertThatThrownBy(() -> SshPublicKey.parse("ssh-rsa " + KEY.split(" ")[1])).hasMessageContaining("does not match");
        assertThatThrownBy(() -> SshPublicKey.parse("ssh-ed25519 !!!")).hasMessageContaining("base64");
        assertThat(SshPublicKey.parse(KEY).line()).isEqualTo(KEY);
    }
}
