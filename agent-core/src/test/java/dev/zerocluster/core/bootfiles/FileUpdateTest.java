package dev.zerocluster.core.bootfiles;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileUpdateTest {
    @TempDir
    Path dir;

    @Test
    void keepsOneBackupOfThePreviousVersion() throws IOException {
        Path config = Files.writeString(dir.resolve("config.txt"), "v1\n");
        update(config, "v2\n").write();
        assertThat(Files.readString(config)).isEqualTo("v2\n");
        assertThat(Files.readString(FileUpdate.backupOf(config))).isEqualTo("v1\n");
        update(config, "v3\n").write();
        assertThat(Files.readString(FileUpdate.backupOf(config))).isEqualTo("v2\n");
        assertThat(entries()).containsExactlyInAnyOrder("config.txt", "config.txt.zc-backup");
    }

    @Test
    void theBackupIsNoMoreReadableThanTheFile() throws IOException {
        Path conf = Files.writeString(dir.resolve("secret.conf"), "v1\n");
        Files.setPosixFilePermissions(conf, PosixFilePermissions.fromString("rw-------"));
        update(conf, "v2\n").write();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(FileUpdate.backupOf(conf))))
                .isEqualTo("rw-------");
    }

    @Test
    void anUnchangedFileIsNotWritten() throws IOException {
        Path config = Files.writeString(dir.resolve("config.txt"), "same\n");
        Files.setLastModifiedTime(config, java.nio.file.attribute.FileTime.fromMillis(0));
        FileUpdate u = update(config, "same\n");
        assertThat(u.changesFile()).isFalse();
        u.write();
        assertThat(Files.getLastModifiedTime(config).toMillis()).isZero();
        assertThat(entries()).containsExactly("config.txt");
    }

    @Test
    void aNewFileGetsNoBackupAndTheModeAskedFor() throws IOException {
        Path profile = dir.resolve("zerocluster-usb0.nmconnection");
        FileUpdate.generated(profile, "/etc/x", null, "[connection]\n".getBytes(UTF_8), "write",
                PosixFilePermissions.fromString("rw-------")).write();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(profile))).isEqualTo("rw-------");
        assertThat(entries()).containsExactly("zerocluster-usb0.nmconnection");
    }

    @Test
    void aFileChangedSinceItWasReadIsLeftAlone() throws IOException {
        Path config = Files.writeString(dir.resolve("config.txt"), "v1\n");
        FileUpdate u = update(config, "v2\n");
        Files.writeString(config, "edited by someone else\n");
        assertThatThrownBy(u::write).isInstanceOf(BootFileException.class)
                .hasMessage("/boot/config.txt changed while zc-node was editing it; nothing written, run again");
        assertThat(Files.readString(config)).isEqualTo("edited by someone else\n");
        assertThat(entries()).containsExactly("config.txt");
    }

    private FileUpdate update(Path file, String after) throws IOException {
        return FileUpdate.edit(file, "/boot/" + file.getFileName(), FileUpdate.read(file), after.getBytes(UTF_8),
                List.of("edit"), null);
    }

    private List<String> entries() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).toList();
        }
    }
}
