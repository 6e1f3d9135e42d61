package dev.zerocluster.core.system;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A {@code /proc} or {@code /sys} file read again and again (a health source every interval): it
 * is opened once and read from offset 0 each time, which {@link KernelFileReader#load(KernelFile)}
 * does with {@code pread}. A read at offset 0 makes the kernel produce the content afresh: seq_file
 * resets its iterator when asked for offset 0 ({@code seq_read_iter}, fs/seq_file.c), and a sysfs
 * attribute calls its {@code show} again (fs/kernfs/file.c). So a report costs two system calls per
 * file (a read and the read that finds the end) instead of five (open, fstat, two reads, close),
 * and no path walk, {@code FileInputStream} or cleaner registration: on the development machine,
 * reading a report's twelve files after an idle second took about a third less CPU this way
 * (docs/performance.md, "Node footprint", item 11).
 *
 * <p>A file that goes away while open, such as a link's attribute after the link was unplugged,
 * answers the next read with ENODEV; the reader then closes it and opens the path afresh, so a link
 * that came back is read from its new files. Meant for kernel files only: a regular file that is
 * replaced or deleted would keep being read through the old descriptor. Not thread-safe: it
 * belongs to the thread of the reader that loads it.
 */
public final class KernelFile implements AutoCloseable {
    private final Path path;
    private FileChannel channel;

    public KernelFile(Path path) {
        this.path = path;
    }

    public Path path() {
        return path;
    }

    /** Whether a descriptor from an earlier read is kept. */
    boolean isOpen() {
        return channel != null;
    }

    /** The kept channel, opening the path when there is none; null when it cannot be opened. */
    FileChannel channel() {
        if (channel == null) {
            try {
                channel = FileChannel.open(path, StandardOpenOption.READ);
            } catch (IOException e) {
                return null;
            }
        }
        return channel;
    }

    @Override
    public void close() {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException e) {
                // A read-only descriptor has nothing to flush; the close cannot lose anything.
            }
            channel = null;
        }
    }

    @Override
    public String toString() {
        return path.toString();
    }
}
