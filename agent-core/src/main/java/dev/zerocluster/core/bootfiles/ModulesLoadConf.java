package dev.zerocluster.core.bootfiles;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A {@code /etc/modules-load.d/*.conf} file: kernel modules that systemd-modules-load loads at
 * boot, one name per line; blank lines and lines whose first non-blank character is {@code #} or
 * {@code ;} are ignored (modules-load.d(5)). A line with anything after the name is refused: the
 * format has no place for module options (those go to modprobe.d), and systemd would try to load a
 * module by the whole line.
 */
public final class ModulesLoadConf {
    private static final Pattern MODULE = Pattern.compile("[A-Za-z0-9_-]+");

    private final String source;
    private final List<Lines.Line> lines;

    private ModulesLoadConf(String source, List<Lines.Line> lines) {
        this.source = source;
        this.lines = lines;
    }

    /** Parses {@code bytes}; empty for a file that does not exist yet. */
    public static ModulesLoadConf parse(byte[] bytes, String source) throws BootFileException {
        List<Lines.Line> lines = Lines.split(bytes, source);
        for (int i = 0; i < lines.size(); i++) {
            String t = lines.get(i).text().strip();
            if (!t.isEmpty() && !t.startsWith("#") && !t.startsWith(";") && !MODULE.matcher(t).matches()) {
                throw BootFileException.at(source, i + 1, "'" + t + "' is not a module name (one name per line,"
                        + " options belong in /etc/modprobe.d)");
            }
        }
        return new ModulesLoadConf(source, new ArrayList<>(lines));
    }

    public byte[] render() {
        return Lines.join(lines);
    }

    /** The modules listed, in order. */
    public List<String> modules() {
        List<String> out = new ArrayList<>();
        for (Lines.Line line : lines) {
            String t = line.text().strip();
            if (!t.isEmpty() && !t.startsWith("#") && !t.startsWith(";")) {
                out.add(t);
            }
        }
        return out;
    }

    /** kmod treats '-' and '_' in module names alike. */
    public boolean contains(String module) {
        return modules().stream().anyMatch(m -> same(m, module));
    }

    /** Appends {@code module} unless listed; returns the change or null. */
    public String add(String module) {
        if (!MODULE.matcher(module).matches()) {
            throw new IllegalArgumentException("not a module name: " + module);
        }
        if (contains(module)) {
            return null;
        }
        String nl = Lines.newline(lines);
        if (!lines.isEmpty() && lines.get(lines.size() - 1).end().isEmpty()) {
            Lines.Line last = lines.remove(lines.size() - 1);
            lines.add(new Lines.Line(last.text(), nl));
        }
        lines.add(new Lines.Line(module, nl));
        return "add " + module + " (line " + lines.size() + ")";
    }

    /** Removes every line naming {@code module}; returns the changes. */
    public List<String> remove(String module) {
        List<String> changes = new ArrayList<>();
        for (int i = lines.size() - 1; i >= 0; i--) {
            if (same(lines.get(i).text().strip(), module)) {
                lines.remove(i);
                changes.add(0, "remove " + module + " (line " + (i + 1) + ")");
            }
        }
        return changes;
    }

    public String source() {
        return source;
    }

    private static boolean same(String a, String b) {
        return a.replace('-', '_').equals(b.replace('-', '_'));
    }
}
