package dev.zerocluster.node.tweaks;

import dev.zerocluster.core.system.KernelFile;
import dev.zerocluster.core.system.KernelFileReader;
import dev.zerocluster.core.system.SystemRoot;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

/**
 * An LED under {@code /sys/class/leds/<name>}: {@code trigger}, {@code brightness} and
 * {@code max_brightness}.
 *
 * <p>Writes go only to files on sysfs. A regular file that looks like an LED (a fake tree, a copy)
 * would take the write and light nothing: that is a write that silently does nothing, so it is
 * refused before anything is written.
 *
 * <p>{@code trigger} and {@code brightness}, which the health report reads every interval, stay
 * open for reading ({@link KernelFile}) until {@link #close}.
 */
public final class SysfsLed implements Led, AutoCloseable {
    private final Path dir;
    private final KernelFileReader reader;
    private final KernelFile trigger;
    private final KernelFile brightness;
    /** The last bracketed trigger name and its bytes ({@link #selectedName}). */
    private String lastSelected;
    private byte[] lastSelectedBytes;

    public SysfsLed(Path dir, KernelFileReader reader) {
        this.dir = dir;
        this.reader = reader;
        this.trigger = new KernelFile(dir.resolve("trigger"));
        this.brightness = new KernelFile(dir.resolve("brightness"));
    }

    /**
     * The activity LED: {@code ACT} on kernels 6.1 and later, {@code led0} before
     * (raspberrypi/linux#800); empty on a board without either.
     */
    public static Optional<SysfsLed> findAct(SystemRoot root, KernelFileReader reader) {
        for (String name : new String[] {"ACT", "led0"}) {
            Path dir = root.path("/sys/class/leds/" + name);
            if (Files.isDirectory(dir)) {
                return Optional.of(new SysfsLed(dir, reader));
            }
        }
        return Optional.empty();
    }

    @Override
    public String name() {
        return dir.getFileName().toString();
    }

    public Path dir() {
        return dir;
    }

    @Override
    public LedTriggers triggers() throws IOException {
        if (!reader.load(trigger)) {
            throw new IOException("cannot read " + trigger);
        }
        try {
            return LedTriggers.parse(reader.text(), trigger.toString());
        } catch (IllegalArgumentException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    /**
     * The bracketed name, found in the loaded bytes without splitting the list (the health report
     * asks for it every interval). Anything but exactly one bracketed name is left to
     * {@link #triggers()} to report.
     */
    @Override
    public String selectedTrigger() throws IOException {
        if (!reader.load(trigger)) {
            throw new IOException("cannot read " + trigger);
        }
        int open = -1;
        for (int i = 0; i < reader.length(); i++) {
            byte b = reader.at(i);
            if (b == '[') {
                if (open >= 0) {
                    return triggers().selected();
                }
                open = i;
            } else if (b == ']' && open >= 0) {
                return selectedName(open + 1, i);
            }
        }
        return triggers().selected();
    }

    /**
     * The name between {@code from} and {@code to}: the last one again while the bytes are the
     * same, so that a report builds no string (a StringBuilder's methods are compiled early in the
     * JVM's life, each on a code page of its own that a report touched after an idle second:
     * docs/performance.md, "Node footprint").
     */
    private String selectedName(int from, int to) {
        if (lastSelected == null || lastSelectedBytes.length != to - from || !reader.matches(from, lastSelectedBytes)) {
            byte[] name = new byte[to - from];
            for (int i = 0; i < name.length; i++) {
                name[i] = reader.at(from + i);
            }
            // Trigger names are ASCII; a byte that is not reads as U+FFFD.
            lastSelected = new String(name, StandardCharsets.US_ASCII);
            lastSelectedBytes = name;
        }
        return lastSelected;
    }

    @Override
    public void selectTrigger(String trigger) throws IOException {
        write("trigger", trigger);
    }

    @Override
    public int brightness() throws IOException {
        return readInt(brightness);
    }

    @Override
    public void setBrightness(int value) throws IOException {
        write("brightness", Integer.toString(value));
    }

    @Override
    public int maxBrightness() throws IOException {
        try (KernelFile max = new KernelFile(dir.resolve("max_brightness"))) {
            return readInt(max);
        }
    }

    @Override
    public void close() {
        trigger.close();
        brightness.close();
    }

    private int readInt(KernelFile file) throws IOException {
        long value = reader.readLong(file, -1);
        if (value < 0 || value > Integer.MAX_VALUE) {
            throw new IOException("cannot read a brightness from " + file);
        }
        return (int) value;
    }

    private void write(String name, String value) throws IOException {
        Path file = dir.resolve(name);
        String fs = Files.getFileStore(file).type();
        if (!"sysfs".equals(fs)) {
            throw new IOException(file + " is on " + fs + ", not sysfs: not a kernel LED, nothing written");
        }
        try {
            // No CREATE: a sysfs attribute exists or the LED does not have it.
            Files.write(file, (value + "\n").getBytes(StandardCharsets.US_ASCII), StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING);
        } catch (AccessDeniedException e) {
            throw new IOException("cannot write " + file + ": permission denied (LED files are root's; run as root)", e);
        } catch (FileSystemException e) {
            String reason = e.getReason() == null ? e.toString() : e.getReason();
            String hint = reason.contains("Read-only") ? " (systemd's ProtectKernelTunables=yes makes /sys read-only)" : "";
            throw new IOException("cannot write " + value + " to " + file + ": " + reason + hint, e);
        }
    }
}
