package dev.zerocluster.core.system;

import java.io.FileInputStream;
import java.io.IOException;
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
    private byte[] buf = new byte[8192];
    private int length;

    /**
     * Loads the whole file; false when it is missing or unreadable (sysfs answers some reads with
     * EINVAL, such as {@code carrier} of a link that is down).
     */
    public boolean load(Path file) {
        length = 0;
        try (FileInputStream in = new FileInputStream(file.toFile())) {
            int n;
            while ((n = in.read(buf, length, buf.length - length)) > 0) {
                length += n;
                if (length == buf.length) {
                    buf = Arrays.copyOf(buf, buf.length * 2);
                }
            }
            return true;
        } catch (IOException e) {
            length = 0;
            return false;
        }
    }

    public int length() {
        return length;
    }

    public byte at(int i) {
        return buf[i];
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
        if (!load(file)) {
            return null;
        }
        int i = skipBlank(0);
        if (i < length && buf[i] == '-') {
            Long magnitude = parseLong(i + 1, 10);
            return magnitude == null ? null : -magnitude;
        }
        return parseLong(i, 10);
    }

    /** A hexadecimal number without {@code 0x}, or null. */
    public Long readHex(Path file) {
        if (!load(file)) {
            return null;
        }
        return parseLong(skipBlank(0), 16);
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
        long value = 0;
        int digits = 0;
        while (i < length) {
            int d = Character.digit(buf[i], radix);
            if (d < 0) {
                break;
            }
            if (value > (Long.MAX_VALUE - d) / radix) {
                return null;
            }
            value = value * radix + d;
            digits++;
            i++;
        }
        return digits == 0 ? null : value;
    }

    /** A non-negative decimal such as {@code 5123.40} starting at {@code i}, or null. */
    public Double parseDecimal(int i) {
        int end = i;
        while (end < length && (Character.isDigit(buf[end]) || buf[end] == '.')) {
            end++;
        }
        if (end == i) {
            return null;
        }
        try {
            return Double.parseDouble(new String(buf, i, end - i, StandardCharsets.US_ASCII));
        } catch (NumberFormatException e) {
            return null;
        }
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
