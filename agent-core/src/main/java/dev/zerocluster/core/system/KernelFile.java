package dev.zerocluster.core.system;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Path;

/**
 * A {@code /proc} or {@code /sys} file read again and again (a health source every interval): it
 * is opened once and read from offset 0 each time, which {@link KernelFileReader#load(KernelFile)}
 * does with {@code lseek} and {@code read}. Reading from offset 0 makes the kernel produce the
 * content afresh: seq_file's {@code seq_lseek} resets its iterator (fs/seq_file.c), and a sysfs
 * attribute, a seq_file too, calls its {@code show} again (fs/kernfs/file.c). So a report costs
 * three system calls per file (the seek, a read and the read that finds the end) instead of five
 * (open, fstat, two reads, close), and no path walk, {@code FileInputStream} or cleaner
 * registration: on the development machine, reading a report's twelve files after an idle second
 * took about a third less CPU this way (docs/performance.md, "Node footprint", item 11). A
 * {@link RandomAccessFile} rather than a {@code FileChannel}'s {@code pread}: its read is one
 * native call, where the channel's ran some twenty compiled methods (interruptible-channel
 * bookkeeping, the native thread set, a direct buffer's scope) that each report touched after an
 * idle second, for one system call less per file.
 *
 * <p>A file that goes away while open, such as a link's attribute after the link was unplugged,
 * answers the next read with ENODEV; the reader then closes it and opens the path afresh, so a link
 * that came back is read from its new files. Meant for kernel files only: a regular file that is
 * replaced or deleted would keep being read through the old descriptor. Not thread-safe: it
 * belongs to the thread of the reader that loads it.
 */
public final class KernelFile implements AutoCloseable {
    private final Path path;
    private RandomAccessFile file;

    public KernelFile(Path path) {
        this.path = path;
    }

    public Path path() {
        return path;
    }

    /** Whether a descriptor from an earlier read is kept. */
    boolean isOpen() {
        return file != null;
    }

    /** The kept file, opening the path when there is none; null when it cannot be opened. */
    RandomAccessFile file() {
        if (file == null) {
            try {
                file = new RandomAccessFile(path.toFile(), "r");
            } catch (IOException e) {
                return null;
            }
        }
        return file;
    }

    @Override
    public void close() {
        if (file != null) {
            try {
                file.close();
            } catch (IOException e) {
                // A read-only descriptor has nothing to flush; the close cannot lose anything.
            }
            file = null;
        }
    }

    @Override
    public String toString() {
        return path.toString();
    }
}
