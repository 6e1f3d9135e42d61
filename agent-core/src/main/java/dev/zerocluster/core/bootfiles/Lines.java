package dev.zerocluster.core.bootfiles;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A text file as lines that remember their own terminator, so that joining them again gives the
 * very bytes that were split. Bytes are decoded as ISO-8859-1, which maps each byte to one char
 * and back: a UTF-8 comment, or a stray byte from a Windows editor, survives an edit unchanged.
 */
final class Lines {
    /** {@code end} is "\n", "\r\n", or "" for a last line without a terminator. */
    record Line(String text, String end) {
    }

    private Lines() {
    }

    /**
     * Splits {@code bytes}; refuses a NUL byte, which no text format here allows and which is what a
     * half-written or corrupted FAT sector reads as.
     */
    static List<Line> split(byte[] bytes, String source) throws BootFileException {
        String all = new String(bytes, StandardCharsets.ISO_8859_1);
        List<Line> lines = new ArrayList<>();
        int start = 0;
        int lineNo = 1;
        while (start < all.length()) {
            int nl = all.indexOf('\n', start);
            int end = nl < 0 ? all.length() : nl;
            String text = all.substring(start, end);
            String terminator = nl < 0 ? "" : "\n";
            if (text.endsWith("\r") && nl >= 0) {
                text = text.substring(0, text.length() - 1);
                terminator = "\r\n";
            }
            int nul = text.indexOf('\0');
            if (nul >= 0) {
                throw BootFileException.at(source, lineNo, "NUL byte at column " + (nul + 1)
                        + ": not a text file (a corrupted SD card reads like this)");
            }
            lines.add(new Line(text, terminator));
            start = nl < 0 ? all.length() : nl + 1;
            lineNo++;
        }
        return lines;
    }

    static byte[] join(List<Line> lines) {
        StringBuilder out = new StringBuilder();
        for (Line line : lines) {
            out.append(line.text()).append(line.end());
        }
        return out.toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    /** The terminator new lines get: CRLF if most lines have it (a file saved on Windows), else LF. */
    static String newline(List<Line> lines) {
        int crlf = 0;
        int lf = 0;
        for (Line line : lines) {
            if (line.end().equals("\r\n")) {
                crlf++;
            } else if (line.end().equals("\n")) {
                lf++;
            }
        }
        return crlf > lf ? "\r\n" : "\n";
    }
}
