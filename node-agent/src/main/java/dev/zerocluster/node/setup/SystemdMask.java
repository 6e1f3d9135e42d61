package dev.zerocluster.node.setup;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Masks a systemd unit the way {@code systemctl mask} does, a symlink to {@code /dev/null} in
 * {@code /etc/systemd/system} (systemctl(1)), written here so it also works on a tree that is not
 * the running system. The link is made beside the target and renamed over it, then the directory
 * is fsynced: a power cut leaves the unit masked or not, never a half-made link.
 */
final class SystemdMask {
    private SystemdMask() {
    }

    static void mask(Path unit) throws IOException {
        Path dir = unit.getParent();
        Files.createDirectories(dir);
        Path tmp = dir.resolve("." + unit.getFileName() + "." + ProcessHandle.current().pid() + ".tmp");
        Files.deleteIfExists(tmp);
        Files.createSymbolicLink(tmp, Path.of("/dev/null"));
        Files.move(tmp, unit, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        }
    }
}
