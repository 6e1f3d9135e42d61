package dev.zerocluster.core.system;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFileTest {
    @TempDir
    Path dir;

    @Test
    void replacesTheContent() throws IOException {
        Path f = dir.resolve("config.txt");
        Files.writeString(f, "old content that is longer than the new\n");
        AtomicFile.write(f, "new\n".getBytes(UTF_8), null);
        assertThat(Files.readString(f)).isEqualTo("new\n");
        assertThat(entries()).containsExactly("config.txt");
    }

    @Test
    void keepsTheModeOfAnExistingFile() throws IOException {
        Path f = dir.resolve("cmdline.txt");
        Files.writeString(f, "old");
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rw-r-----"));
        AtomicFile.write(f, "new".getBytes(UTF_8), null);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(f))).isEqualTo("rw-r-----");
    }

    @Test
    void keepsTheOwnerOfAnExistingFile() throws IOException {
        // Only root can give a file away; CI runs as root, where the daemons run too.
        assumeTrue("root".equals(System.getProperty("user.name")), "needs root to chown");
        Path f = dir.resolve("authorized_keys");
        Files.writeString(f, "old");
        UserPrincipalLookupService users = f.getFileSystem().getUserPrincipalLookupService();
        Files.setOwner(f, users.lookupPrincipalByName("nobody"));
        Files.getFileAttributeView(f, PosixFileAttributeView.class).setGroup(users.lookupPrincipalByGroupName("nogroup"));
        AtomicFile.write(f, "new".getBytes(UTF_8), null);
        PosixFileAttributes after = Files.readAttributes(f, PosixFileAttributes.class);
        assertThat(after.owner().getName()).isEqualTo("nobody");
        assertThat(after.group().getName()).isEqualTo("nogroup");
    }

    @Test
    void aNewFileGetsTheModeAnyNewFileGets() throws IOException {
        Path reference = Files.createFile(dir.resolve("reference"));
        Path f = dir.resolve("new.txt");
        AtomicFile.write(f, "x".getBytes(UTF_8), null);
        assertThat(Files.getPosixFilePermissions(f)).isEqualTo(Files.getPosixFilePermissions(reference));
    }

    @Test
    void setsTheModeAskedFor() throws IOException {
        Path secret = dir.resolve("passwd");
        Files.writeString(secret, "old");
        Files.setPosixFilePermissions(secret, PosixFilePermissions.fromString("rw-rw-rw-"));
        AtomicFile.write(secret, "new".getBytes(UTF_8), PosixFilePermissions.fromString("rw-------"));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(secret))).isEqualTo("rw-------");

        // Wider than a usual umask allows: the mode is set, not just requested at creation.
        Path shared = dir.resolve("shared");
        AtomicFile.write(shared, "x".getBytes(UTF_8), PosixFilePermissions.fromString("rw-rw-r--"));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(shared))).isEqualTo("rw-rw-r--");
    }

    @Test
    void theModeIsSetBeforeAnyContentIsWritten() throws IOException {
        Path f = dir.resolve("secret");
        String[] modeWhileWriting = new String[1];
        AtomicFile.write(f, out -> {
            try (Stream<Path> files = Files.list(dir)) {
                Path tmp = files.filter(p -> p.getFileName().toString().endsWith(".tmp")).findFirst().orElseThrow();
                modeWhileWriting[0] = PosixFilePermissions.toString(Files.getPosixFilePermissions(tmp));
            }
            out.write("s3cret".getBytes(UTF_8));
        }, PosixFilePermissions.fromString("rw-------"));
        assertThat(modeWhileWriting[0]).isEqualTo("rw-------");
    }

    @Test
    void aFailedWriteLeavesTheTargetAndNoTemporaryFile() throws IOException {
        Path f = dir.resolve("config.txt");
        Files.writeString(f, "intact\n");
        assertThatThrownBy(() -> AtomicFile.write(f, out -> {
            out.write("half of the new".getBytes(UTF_8));
            throw new IOException("disk full");
        }, null)).isInstanceOf(IOException.class).hasMessage("disk full");
        assertThat(Files.readString(f)).isEqualTo("intact\n");
        assertThat(entries()).containsExactly("config.txt");
    }

    @Test
    void aLinkIsFollowedAndKept() throws IOException {
        Path real = Files.writeString(dir.resolve("real.txt"), "old");
        Path link = Files.createSymbolicLink(dir.resolve("link.txt"), real.getFileName());
        AtomicFile.write(link, "new".getBytes(UTF_8), null);
        assertThat(Files.isSymbolicLink(link)).isTrue();
        assertThat(Files.readString(real)).isEqualTo("new");
        assertThat(entries()).containsExactlyInAnyOrder("real.txt", "link.txt");
    }

    @Test
    void aMissingDirectoryIsAnError() {
        assertThatThrownBy(() -> AtomicFile.write(dir.resolve("no/such/file"), new byte[0], null))
                .isInstanceOf(IOException.class);
    }

    private List<String> entries() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).toList();
        }
    }
}
