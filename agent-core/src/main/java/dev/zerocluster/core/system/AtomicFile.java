package dev.zerocluster.core.system;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Set;

/**
 * Replaces a file so that readers, and the file after a power cut, see either the old content or the
 * new one, never a mix: the new content goes to a temporary file in the same directory, is fsynced,
 * renamed over the target (rename(2) is atomic within one file system), and then the directory is
 * fsynced so the rename itself survives a power cut. A Pi loses power often; SPEC §5 asks this of
 * every boot-file edit.
 *
 * <p>A symbolic link as target is followed: the file it points to is replaced, the link stays.
 */
public final class AtomicFile {
    private static final SecureRandom RANDOM = new SecureRandom();

    /** Writes the new content; may be called with a stream that fails, leaving the target as it was. */
    @FunctionalInterface
    public interface Content {
        void writeTo(OutputStream out) throws IOException;
    }

    private AtomicFile() {
    }

    /**
     * Replaces {@code target} with {@code content}.
     *
     * @param perms the new file's mode, set before any content is written (so a secret is never
     *              readable by others, not even briefly); null keeps the mode of an existing target,
     *              or gives a new one the usual mode of a new file (0666 less the umask)
     */
    public static void write(Path target, byte[] content, Set<PosixFilePermission> perms) throws IOException {
        write(target, out -> out.write(content), perms);
    }

    /** The same, with the content written to a stream. */
    public static void write(Path target, Content content, Set<PosixFilePermission> perms) throws IOException {
        Path file = Files.isSymbolicLink(target) ? target.toRealPath() : target.toAbsolutePath();
        Path dir = file.getParent();
        Path tmp = createTemp(dir, file.getFileName().toString(), perms);
        boolean renamed = false;
        try {
            PosixFileAttributes existing = Files.exists(file, LinkOption.NOFOLLOW_LINKS)
                    ? Files.readAttributes(file, PosixFileAttributes.class) : null;
            copyMetadata(tmp, existing, perms);
            try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                OutputStream out = Channels.newOutputStream(channel);
                content.writeTo(out);
                out.flush();
                channel.force(true);
            }
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
            renamed = true;
        } finally {
            if (!renamed) {
                Files.deleteIfExists(tmp);
            }
        }
        try (FileChannel directory = FileChannel.open(dir, StandardOpenOption.READ)) {
            directory.force(true);
        }
    }

    private static Path createTemp(Path dir, String name, Set<PosixFilePermission> perms) throws IOException {
        // A dot file beside the target: same file system (so the rename is atomic), hidden from globs
        // such as conf.d/*.conf should the process die before cleaning up.
        FileAttribute<?>[] attrs = perms == null ? new FileAttribute<?>[0]
                : new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(perms)};
        for (int attempt = 0; ; attempt++) {
            byte[] suffix = new byte[6];
            RANDOM.nextBytes(suffix);
            Path tmp = dir.resolve("." + name + "." + HexFormat.of().formatHex(suffix) + ".tmp");
            try {
                return Files.createFile(tmp, attrs);
            } catch (FileAlreadyExistsException e) {
                if (attempt >= 10) {
                    throw e;
                }
            }
        }
    }

    /**
     * Gives the temporary file the requested mode (the umask may have narrowed the one asked for at
     * creation) or the target's, and the target's owner and group (a root daemon rewriting a user's
     * file must not take it over). Each is set only when it differs: on vfat (/boot/firmware) every
     * file already has the mount's fixed mode and chmod fails.
     */
    private static void copyMetadata(Path tmp, PosixFileAttributes existing, Set<PosixFilePermission> perms)
            throws IOException {
        PosixFileAttributeView view = Files.getFileAttributeView(tmp, PosixFileAttributeView.class);
        PosixFileAttributes now = view.readAttributes();
        Set<PosixFilePermission> wanted = perms != null ? perms : existing != null ? existing.permissions() : null;
        if (existing != null && !existing.group().equals(now.group())) {
            view.setGroup(existing.group());
        }
        if (existing != null && !existing.owner().equals(now.owner())) {
            view.setOwner(existing.owner());
        }
        // After chown: changing the owner may clear set-id bits, and the mode asked for wins.
        if (wanted != null && !wanted.equals(view.readAttributes().permissions())) {
            view.setPermissions(wanted);
        }
    }
}
