package dev.zerocluster.core.system;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Reads small kernel files ({@code /proc}, {@code /sys}) into one reused buffer and parses numbers
 * straight from the bytes. A health report reads about fifteen such files every interval on a
 * single 1 GHz core, so it should not allocate a String per file (STYLE: hot paths). Not
 * thread-safe: each collector owns one.
 */
public final class KernelFileReader {
    /** Powers of ten that are exact doubles, for {@link #parseDecimal}. */
    private static final double[] POWERS_OF_TEN = {
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
    };

    /** 8 KiB: the JDK's native read uses a buffer on the stack up to that size, and mallocs above it. */
    private byte[] buf = new byte[8192];
    private int length;

    /**
     * Loads the whole file; false when it is missing or unreadable (sysfs answers some reads with
     * EINVAL, such as {@code carrier} of a link that is down).
     */
    public boolean load(Path file) {
        length = 0;
        try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
            readToEnd(in);
            return true;
        } catch (IOException e) {
            length = 0;
            return false;
        }
    }

    /**
     * Loads the whole file through its kept descriptor (see {@link KernelFile}); false when it is
     * missing or unreadable. A descriptor kept from an earlier read that now fails (ENODEV: the file
     * went away with its device) is closed and the path opened once more, since a device of the same
     * name may have come back; a fresh descriptor that fails is closed, and the next load opens
     * the path again.
     */
    public boolean load(KernelFile file) {
        length = 0;
        boolean kept = file.isOpen();
        if (readAll(file)) {
            return true;
        }
        return kept && readAll(file);
    }

    private boolean readAll(KernelFile file) {
        RandomAccessFile in = file.file();
        if (in == null) {
            return false;
        }
        try {
            in.seek(0);
            readToEnd(in);
            return true;
        } catch (IOException e) {
            file.close();
            length = 0;
            return false;
        }
    }

    /** Reads from where {@code in} stands to its end into {@link #buf}, from {@link #length} on. */
    private void readToEnd(RandomAccessFile in) throws IOException {
        int n;
        while ((n = in.read(buf, length, buf.length - length)) > 0) {
            length += n;
            if (length == buf.length) {
                grow();
            }
        }
    }

    private void grow() {
        buf = Arrays.copyOf(buf, buf.length * 2);
    }

    /**
     * The first decimal integer in the file (a leading '-' allowed), or {@code missing} when the file
     * is missing or holds no number. Unboxed: these files are read every report, and
     * {@code Long.valueOf} is compiled early in the JVM's life on a code page of its own that a
     * report then touched after an idle second (docs/performance.md, "Node footprint").
     */
    public long readLong(KernelFile file, long missing) {
        if (!load(file)) {
            return missing;
        }
        int i = skipBlank(0);
        boolean negative = i < length && buf[i] == '-';
        long magnitude = parseUnsigned(negative ? i + 1 : i, 10);
        return magnitude < 0 ? missing : negative ? -magnitude : magnitude;
    }

    /** A non-negative hexadecimal number without {@code 0x}, or -1 when missing or not one. */
    public long readHex(KernelFile file) {
        return load(file) ? parseUnsigned(skipBlank(0), 16) : -1;
    }

    public int length() {
        return length;
    }

    public byte at(int i) {
        return buf[i];
    }

    /** Whether the content holds {@code bytes} from {@code at} on; false where it ends first. */
    public boolean matches(int at, byte[] bytes) {
        if (at < 0 || at + bytes.length > length) {
            return false;
        }
        for (int k = 0; k < bytes.length; k++) {
            if (buf[at + k] != bytes[k]) {
                return false;
            }
        }
        return true;
    }

    /**
     * Whether byte {@code i} of the content is an ASCII digit; false past the end. Not
     * {@code Character.isDigit}, whose Unicode tables are compiled early in the JVM's life on code
     * pages of their own that a report touched after an idle second (docs/performance.md).
     */
    public boolean isDigit(int i) {
        return i < length && isDigit(buf[i]);
    }

    /** The loaded content, trimmed of white space and NUL bytes (device-tree strings end in NUL). */
    public String text() {
        int start = 0;
        int end = length;
        while (start < end && isBlank(buf[start])) {
            start++;
        }
        while (end > start && isBlank(buf[end - 1])) {
            end--;
        }
        return new String(buf, start, end - start, StandardCharsets.UTF_8);
    }

    /** Loads and trims; null when missing. */
    public String readText(Path file) {
        return load(file) ? text() : null;
    }

    /** The first decimal integer in the file (a leading '-' allowed), or null when missing or not a number. */
    public Long readLong(Path file) {
        return load(file) ? firstLong() : null;
    }

    private Long firstLong() {
        int i = skipBlank(0);
        if (i < length && buf[i] == '-') {
            Long magnitude = parseLong(i + 1, 10);
            return magnitude == null ? null : -magnitude;
        }
        return parseLong(i, 10);
    }

    /** A hexadecimal number without {@code 0x}, or null. */
    public Long readHex(Path file) {
        return load(file) ? parseLong(skipBlank(0), 16) : null;
    }

    /** Whether the loaded content equals {@code word} once trimmed. */
    public boolean contentEquals(String word) {
        int start = skipBlank(0);
        int end = length;
        while (end > start && isBlank(buf[end - 1])) {
            end--;
        }
        if (end - start != word.length()) {
            return false;
        }
        for (int i = 0; i < word.length(); i++) {
            if (buf[start + i] != word.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /** Index just after the first occurrence of {@code key} at the start of a line, or -1. */
    public int findLineStarting(String key) {
        int i = 0;
        while (i < length) {
            if (startsWith(i, key)) {
                return i + key.length();
            }
            while (i < length && buf[i] != '\n') {
                i++;
            }
            i++;
        }
        return -1;
    }

    public boolean startsWith(int at, String key) {
        if (at + key.length() > length) {
            return false;
        }
        for (int k = 0; k < key.length(); k++) {
            if (buf[at + k] != key.charAt(k)) {
                return false;
            }
        }
        return true;
    }

    /** Index of the first byte at or after {@code i} that is not a space, tab, ':' or NUL. */
    public int skipBlank(int i) {
        while (i < length && (isBlank(buf[i]) || buf[i] == ':')) {
            i++;
        }
        return i;
    }

    /** Index of the first blank byte at or after {@code i}. */
    public int skipToken(int i) {
        while (i < length && !isBlank(buf[i])) {
            i++;
        }
        return i;
    }

    /** A non-negative integer in {@code radix} starting at {@code i}, or null if none is there. */
    public Long parseLong(int i, int radix) {
        long value = parseUnsigned(i, radix);
        return value < 0 ? null : value;
    }

    /**
     * A non-negative integer in {@code radix} (10 or 16) starting at {@code i}, or -1 if none is
     * there or it does not fit in a long: the unboxed {@link #parseLong}, for parsers that read many
     * numbers per report.
     */
    public long parseUnsigned(int i, int radix) {
        long value = 0;
        int digits = 0;
        while (i < length) {
            int d = digit(buf[i], radix);
            if (d < 0) {
                break;
            }
            if (value > (Long.MAX_VALUE - d) / radix) {
                return -1;
            }
            value = value * radix + d;
            digits++;
            i++;
        }
        return digits == 0 ? -1 : value;
    }

    private static int digit(byte b, int radix) {
        int d;
        if (b >= '0' && b <= '9') {
            d = b - '0';
        } else if (b >= 'a' && b <= 'f') {
            d = b - 'a' + 10;
        } else if (b >= 'A' && b <= 'F') {
            d = b - 'A' + 10;
        } else {
            return -1;
        }
        return d < radix ? d : -1;
    }

    /**
     * A non-negative decimal such as {@code 5123.40} starting at {@code i}, or NaN if none. Parsed from the
     * bytes when it has at most 15 digits: then the digits as a whole number and the power of ten
     * are both exact doubles, so their quotient is the correctly rounded value, the same double
     * {@link Double#parseDouble} gives (Clinger's fast path); anything else goes through it.
     */
    public double parseDecimal(int i) {
        int end = i;
        int dots = 0;
        while (end < length && (isDigit(buf[end]) || buf[end] == '.')) {
            if (buf[end] == '.') {
                dots++;
            }
            end++;
        }
        if (end == i) {
            return Double.NaN;
        }
        int digitCount = end - i - dots;
        if (dots <= 1 && digitCount >= 1 && digitCount <= 15) {
            long value = 0;
            int decimals = 0;
            boolean point = false;
            for (int k = i; k < end; k++) {
                if (buf[k] == '.') {
                    point = true;
                } else {
                    value = value * 10 + (buf[k] - '0');
                    decimals += point ? 1 : 0;
                }
            }
            return value / POWERS_OF_TEN[decimals];
        }
        try {
            return Double.parseDouble(new String(buf, i, end - i, StandardCharsets.US_ASCII));
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    private static boolean isDigit(byte b) {
        return b >= '0' && b <= '9';
    }

    /** Text from {@code i} to the end of its line, trimmed; null if {@code i} is out of range. */
    public String restOfLine(int i) {
        if (i < 0 || i > length) {
            return null;
        }
        int start = skipBlank(i);
        int end = start;
        while (end < length && buf[end] != '\n') {
            end++;
        }
        while (end > start && isBlank(buf[end - 1])) {
            end--;
        }
        return new String(buf, start, end - start, StandardCharsets.UTF_8);
    }

    private static boolean isBlank(byte b) {
        return b == ' ' || b == '\t' || b == '\n' || b == '\r' || b == 0;
    }
}
