package dev.zerocluster.core.bootfiles;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A {@code /etc/modprobe.d/*.conf} file (modprobe.d(5)): one command per line ({@code alias},
 * {@code blacklist}, {@code install}, {@code options}, {@code remove}, {@code softdep},
 * {@code weakdep}), {@code #} comment lines, blank lines, and a trailing {@code \} continuing a
 * command on the next line. An unknown command is refused, as modprobe would ignore it with only a
 * warning.
 *
 * <p>The edits here are to {@code options MODULE name=value …}: later {@code options} lines for a
 * module add to earlier ones, so each name is looked up across all of them.
 */
public final class ModprobeConf {
    private static final Set<String> COMMANDS = Set.of("alias", "blacklist", "install", "options", "remove",
            "softdep", "weakdep");
    private static final Pattern OPTION_NAME = Pattern.compile("[A-Za-z0-9_.-]+");

    private final String source;
    private final List<Lines.Line> lines;

    /** One command, from its first physical line to its last (several with continuations). */
    private record Command(int first, int last, List<String> words) {
    }

    private ModprobeConf(String source, List<Lines.Line> lines) {
        this.source = source;
        this.lines = lines;
    }

    /** Parses {@code bytes}; empty for a file that does not exist yet. */
    public static ModprobeConf parse(byte[] bytes, String source) throws BootFileException {
        ModprobeConf conf = new ModprobeConf(source, new ArrayList<>(Lines.split(bytes, source)));
        for (Command c : conf.commands()) {
            String word = c.words().get(0);
            if (!COMMANDS.contains(word)) {
                throw BootFileException.at(source, c.first() + 1, "unknown command '" + word + "' (modprobe.d(5) knows "
                        + String.join(", ", COMMANDS.stream().sorted().toList()) + ")");
            }
            if (c.words().size() < 2) {
                throw BootFileException.at(source, c.first() + 1, "'" + word + "' without a module name");
            }
        }
        return conf;
    }

    public byte[] render() {
        return Lines.join(lines);
    }

    public String source() {
        return source;
    }

    /** The value of option {@code name} for {@code module} (the last one set wins), or null. */
    public String option(String module, String name) {
        String value = null;
        for (Command c : commands()) {
            if (isOptionsFor(c, module)) {
                for (String w : c.words().subList(2, c.words().size())) {
                    if (w.startsWith(name + "=")) {
                        value = w.substring(name.length() + 1);
                    } else if (w.equals(name)) {
                        value = "";
                    }
                }
            }
        }
        return value;
    }

    /**
     * Makes option {@code name} of {@code module} equal {@code value}: rewritten in place where it
     * is set, else added to the last {@code options} line for the module, else on a new line.
     * Returns the change, or null when it already had that value.
     */
    public String setOption(String module, String name, String value) throws BootFileException {
        if (!OPTION_NAME.matcher(name).matches() || value.isEmpty() || value.chars().anyMatch(c -> c <= ' ')) {
            throw new IllegalArgumentException("not a plain option: " + name + "=" + value);
        }
        if (value.equals(option(module, name))) {
            return null;
        }
        Command target = null;
        for (Command c : commands()) {
            if (isOptionsFor(c, module)) {
                target = c;
                if (c.words().stream().anyMatch(w -> w.startsWith(name + "=") || w.equals(name))) {
                    replaceWords(c, words -> {
                        for (int i = 2; i < words.size(); i++) {
                            if (words.get(i).startsWith(name + "=") || words.get(i).equals(name)) {
                                words.set(i, name + "=" + value);
                            }
                        }
                    });
                    return "options " + module + ": " + name + "=" + value + " (line " + (c.first() + 1) + ")";
                }
            }
        }
        if (target != null) {
            replaceWords(target, words -> words.add(name + "=" + value));
            return "options " + module + ": add " + name + "=" + value + " (line " + (target.first() + 1) + ")";
        }
        String nl = Lines.newline(lines);
        if (!lines.isEmpty() && lines.get(lines.size() - 1).end().isEmpty()) {
            Lines.Line last = lines.remove(lines.size() - 1);
            lines.add(new Lines.Line(last.text(), nl));
        }
        lines.add(new Lines.Line("options " + module + " " + name + "=" + value, nl));
        return "add options " + module + " " + name + "=" + value + " (line " + lines.size() + ")";
    }

    private interface WordEdit {
        void apply(List<String> words);
    }

    /**
     * Rewrites one command's words on its single line, keeping the line ending. A command that spans
     * lines is refused rather than reflowed.
     */
    private void replaceWords(Command c, WordEdit edit) throws BootFileException {
        if (c.first() != c.last()) {
            throw BootFileException.at(source, c.first() + 1, "the options for this module continue over "
                    + (c.last() - c.first() + 1) + " lines; edit them by hand");
        }
        List<String> words = new ArrayList<>(c.words());
        edit.apply(words);
        Lines.Line old = lines.get(c.first());
        lines.set(c.first(), new Lines.Line(String.join(" ", words), old.end()));
    }

    private static boolean isOptionsFor(Command c, String module) {
        return c.words().get(0).equals("options")
                && c.words().get(1).replace('-', '_').equals(module.replace('-', '_'));
    }

    private List<Command> commands() {
        List<Command> out = new ArrayList<>();
        int i = 0;
        while (i < lines.size()) {
            String t = lines.get(i).text().strip();
            if (t.isEmpty() || t.startsWith("#")) {
                i++;
                continue;
            }
            int first = i;
            StringBuilder joined = new StringBuilder();
            while (true) {
                String part = lines.get(i).text();
                String stripped = part.stripTrailing();
                if (stripped.endsWith("\\") && i + 1 < lines.size()) {
                    joined.append(stripped, 0, stripped.length() - 1).append(' ');
                    i++;
                } else {
                    joined.append(stripped.endsWith("\\") ? stripped.substring(0, stripped.length() - 1) : part);
                    break;
                }
            }
            out.add(new Command(first, i, List.of(joined.toString().strip().split("[ \t]+"))));
            i++;
        }
        return out;
    }
}
