package dev.zerocluster.core.bootfiles;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * {@code cmdline.txt}: the kernel command line, one line of arguments separated by spaces
 * (raspberrypi/documentation {@code computers/configuration/kernel-command-line-config.adoc}). A
 * value may be double-quoted to hold spaces ({@code foo="a b"}), as the kernel's own parser allows
 * (Documentation/admin-guide/kernel-parameters.rst).
 *
 * <p>The separators between arguments, the line ending and any blank lines after it are kept as
 * read; removing an argument removes it and the blank before it.
 */
public final class CmdlineTxt {
    private final String source;
    private final List<Lines.Line> lines;
    private String text;

    private CmdlineTxt(String source, List<Lines.Line> lines) {
        this.source = source;
        this.lines = lines;
        this.text = lines.isEmpty() ? "" : lines.get(0).text();
    }

    /**
     * Parses {@code bytes}. Refused: a file without arguments, a second line with text on it (the
     * firmware passes one line; a second one is a mistake), and an unbalanced double quote.
     */
    public static CmdlineTxt parse(byte[] bytes, String source) throws BootFileException {
        List<Lines.Line> lines = Lines.split(bytes, source);
        if (lines.isEmpty() || lines.get(0).text().isBlank()) {
            throw BootFileException.at(source, 1, "no kernel arguments: the first line is empty");
        }
        for (int i = 1; i < lines.size(); i++) {
            if (!lines.get(i).text().isBlank()) {
                throw BootFileException.at(source, i + 1, "cmdline.txt must be a single line, found more text: '"
                        + shorten(lines.get(i).text()) + "'");
            }
        }
        CmdlineTxt cmdline = new CmdlineTxt(source, new ArrayList<>(lines));
        if (cmdline.spans().size() % 2 != 0) {
            throw BootFileException.at(source, 1, "unbalanced double quote");
        }
        return cmdline;
    }

    public byte[] render() {
        List<Lines.Line> out = new ArrayList<>(lines);
        out.set(0, new Lines.Line(text, lines.get(0).end()));
        return Lines.join(out);
    }

    public String source() {
        return source;
    }

    /** The arguments in order. */
    public List<String> arguments() {
        List<String> out = new ArrayList<>();
        List<Integer> spans = spans();
        for (int i = 0; i + 1 < spans.size(); i += 2) {
            out.add(text.substring(spans.get(i), spans.get(i + 1)));
        }
        return out;
    }

    /** Removes every argument {@code which} accepts; returns one description per removed argument. */
    public List<String> remove(Predicate<String> which) {
        List<String> changes = new ArrayList<>();
        boolean removed;
        do {
            removed = false;
            List<Integer> spans = spans();
            for (int i = 0; i + 1 < spans.size(); i += 2) {
                int start = spans.get(i);
                int end = spans.get(i + 1);
                String arg = text.substring(start, end);
                if (which.test(arg)) {
                    // Take the blanks before it; for the first argument, those after it.
                    int from = start;
                    while (from > 0 && isBlank(text.charAt(from - 1))) {
                        from--;
                    }
                    int to = end;
                    if (from == 0) {
                        while (to < text.length() && isBlank(text.charAt(to))) {
                            to++;
                        }
                        if (to == text.length()) {
                            to = end;
                        }
                    }
                    text = text.substring(0, from) + text.substring(to);
                    changes.add("remove " + arg);
                    removed = true;
                    break;
                }
            }
        } while (removed);
        if (text.isBlank()) {
            throw new IllegalStateException("removed every kernel argument from " + source);
        }
        return changes;
    }

    /** Appends {@code argument} after the last one. */
    public String add(String argument) {
        if (argument.isEmpty() || argument.chars().anyMatch(c -> isBlank((char) c) || c == '"' || c == 0)) {
            throw new IllegalArgumentException("not a plain kernel argument: '" + argument + "'");
        }
        int end = text.length();
        while (end > 0 && isBlank(text.charAt(end - 1))) {
            end--;
        }
        text = text.substring(0, end) + " " + argument + text.substring(end);
        return "add " + argument;
    }

    /** Start and end offsets of each argument, in pairs; odd length means an open quote. */
    private List<Integer> spans() {
        List<Integer> spans = new ArrayList<>();
        boolean quoted = false;
        boolean inArg = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!inArg && !isBlank(c)) {
                spans.add(i);
                inArg = true;
            }
            if (c == '"') {
                quoted = !quoted;
            }
            if (inArg && isBlank(c) && !quoted) {
                spans.add(i);
                inArg = false;
            }
        }
        if (inArg) {
            if (quoted) {
                return List.of(0);
            }
            spans.add(text.length());
        }
        return spans;
    }

    private static boolean isBlank(char c) {
        return c == ' ' || c == '\t';
    }

    private static String shorten(String s) {
        return s.length() <= 60 ? s : s.substring(0, 57) + "...";
    }
}
