package dev.zerocluster.core.bootfiles;

import dev.zerocluster.core.system.AtomicFile;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * One file's planned new content, with what changes and why, written only on {@link #write()}.
 * Planning every file before writing any means a file that cannot be parsed stops the whole run
 * with nothing changed.
 *
 * <p>{@link #write()} first keeps the previous version as {@code <name>.zc-backup} beside the file
 * (one backup, replaced by each change), then replaces the file with {@link AtomicFile}. A crash
 * between the two leaves the old file and a backup equal to it; a crash inside either leaves that
 * file whole, old or new.
 */
public final class FileUpdate {
    public static final String BACKUP_SUFFIX = ".zc-backup";

    private final Path file;
    private final String shown;
    private final byte[] before;
    private final byte[] after;
    private final List<String> changes;
    private final Set<PosixFilePermission> mode;
    private final boolean backup;

    private FileUpdate(Path file, String shown, byte[] before, byte[] after, List<String> changes,
                       Set<PosixFilePermission> mode, boolean backup) {
        this.file = file;
        this.shown = shown;
        this.before = before;
        this.after = after;
        this.changes = List.copyOf(changes);
        this.mode = mode;
        this.backup = backup;
    }

    /**
     * An edit of a file that may not exist yet ({@code before} null), keeping a backup.
     *
     * @param shown how the user knows the file, e.g. {@code /boot/firmware/config.txt}
     * @param mode  the mode of the file (null: keep an existing file's, or the default for a new one)
     */
    public static FileUpdate edit(Path file, String shown, byte[] before, byte[] after, List<String> changes,
                                  Set<PosixFilePermission> mode) {
        return new FileUpdate(file, shown, before, after, changes, mode, true);
    }

    /** A file the caller generates whole: written atomically, without a backup. */
    public static FileUpdate generated(Path file, String shown, byte[] before, byte[] after, String change,
                                       Set<PosixFilePermission> mode) {
        return new FileUpdate(file, shown, before, after, List.of(change), mode, false);
    }

    /** Deleting a file the caller owns (written by an earlier run), without a backup. */
    public static FileUpdate removal(Path file, String shown, byte[] before, String change) {
        return new FileUpdate(file, shown, before, null, List.of(change), null, false);
    }

    /** The current content of {@code file}, or null if it does not exist. */
    public static byte[] read(Path file) throws IOException {
        try {
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return null;
        }
    }

    public static Path backupOf(Path file) {
        return file.resolveSibling(file.getFileName() + BACKUP_SUFFIX);
    }

    /** True when writing would change the file's bytes, create it or delete it. */
    public boolean changesFile() {
        return !Arrays.equals(before, after);
    }

    /** True when the file does not exist yet. */
    public boolean creates() {
        return before == null && after != null;
    }

    /** True when the file is to be deleted. */
    public boolean deletes() {
        return after == null;
    }

    public Path file() {
        return file;
    }

    public String shown() {
        return shown;
    }

    public List<String> changes() {
        return changes;
    }

    /** The new content; null for a deletion. */
    public byte[] after() {
        return after == null ? null : after.clone();
    }

    /**
     * Writes the new content if it differs. Refuses when the file changed since it was read (another
     * program, or a second zc-node, edited it meanwhile): writing would lose that edit.
     */
    public void write() throws IOException {
        if (!changesFile()) {
            return;
        }
        byte[] now = read(file);
        if (!Arrays.equals(now, before)) {
            throw new BootFileException(shown + " changed while zc-node was editing it; nothing written, run again");
        }
        if (after == null) {
            Files.delete(file);
            try (FileChannel dir = FileChannel.open(file.toAbsolutePath().getParent(), StandardOpenOption.READ)) {
                dir.force(true);
            }
            return;
        }
        if (backup && before != null) {
            // The backup is as readable as the file it copies, no more.
            AtomicFile.write(backupOf(file), before, Files.getPosixFilePermissions(file));
        }
        AtomicFile.write(file, after, mode);
    }
}
