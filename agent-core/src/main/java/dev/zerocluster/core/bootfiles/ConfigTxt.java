package dev.zerocluster.core.bootfiles;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * {@code config.txt}, the boot firmware's configuration, as its lines.
 *
 * <p>Format (raspberrypi/documentation {@code computers/config_txt/what_is_config_txt.adoc} and
 * {@code conditional.adoc}): one {@code name=value} per line; {@code #} starts a comment line;
 * {@code include file} and {@code initramfs file followkernel} are the two space-separated
 * directives; {@code [filter]} lines select the boards the following lines apply to. {@code [all]}
 * resets every filter; a filter replaces an earlier one of the same type (two model filters) and
 * combines with one of another type (a model and a serial filter). The firmware reads at most
 * {@value #MAX_LINE_CHARS} characters of a line.
 *
 * <p>{@code dtparam=} lines apply to the overlay loaded by the {@code dtoverlay=} line before them
 * (an empty {@code dtoverlay=} returns to the base device tree), so where a line is inserted
 * matters: {@link #add} never puts an overlay in front of a {@code dtparam=} line that would then
 * change meaning.
 */
public final class ConfigTxt {
    /** Characters of a line the firmware reads; anything after is silently ignored. */
    public static final int MAX_LINE_CHARS = 98;

    private static final Pattern KEY = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_:.+\\-]*");
    private static final Pattern MODEL_FILTER = Pattern.compile("(pi|cm)[0-9a-z+]*");
    private static final Pattern SERIAL_FILTER = Pattern.compile("0x[0-9a-f]{1,16}");

    private enum Kind { BLANK, COMMENT, SECTION, SETTING, DIRECTIVE }

    private record Entry(Kind kind, String key, String value, String filter) {
    }

    /** A {@code name=value} line: its current 1-based line number and the section header it sits under. */
    public record Setting(int line, String key, String value, String section) {
        /** {@code key=value} as written (value without surrounding blanks). */
        public String text() {
            return key + "=" + value;
        }
    }

    /**
     * A {@code dtoverlay=name,param,param=value} line and the {@code dtparam=} lines that follow it
     * in its scope.
     */
    public record Overlay(Setting setting, String name, List<String> params, List<Setting> dtparams) {
        /** True when {@code param} is set on the line or in a following dtparam, as a bare flag or =on/true/yes/1. */
        public boolean flag(String param) {
            Boolean onLine = flagIn(params, param);
            Boolean last = onLine;
            for (Setting d : dtparams) {
                Boolean inParam = flagIn(splitParams(d.value()), param);
                if (inParam != null) {
                    last = inParam;
                }
            }
            return Boolean.TRUE.equals(last);
        }

        /** The value of {@code param} on the {@code dtoverlay} line itself; "" for a bare flag; null if absent. */
        public String paramOnLine(String param) {
            for (String p : params) {
                if (p.equals(param)) {
                    return "";
                }
                if (p.startsWith(param + "=")) {
                    return p.substring(param.length() + 1);
                }
            }
            return null;
        }

        private static Boolean flagIn(List<String> params, String param) {
            Boolean result = null;
            for (String p : params) {
                if (p.equals(param)) {
                    result = true;
                } else if (p.startsWith(param + "=")) {
                    String v = p.substring(param.length() + 1).toLowerCase(Locale.ROOT);
                    result = v.equals("on") || v.equals("true") || v.equals("yes") || v.equals("1");
                }
            }
            return result;
        }
    }

    private final String source;
    private final List<Lines.Line> lines;

    private ConfigTxt(String source, List<Lines.Line> lines) {
        this.source = source;
        this.lines = lines;
    }

    /**
     * Parses {@code bytes} (empty for a missing file: config.txt is optional). {@code source} names
     * the file in error messages.
     */
    public static ConfigTxt parse(byte[] bytes, String source) throws BootFileException {
        List<Lines.Line> lines = Lines.split(bytes, source);
        for (int i = 0; i < lines.size(); i++) {
            parseLine(lines.get(i).text(), source, i + 1);
        }
        return new ConfigTxt(source, new ArrayList<>(lines));
    }

    /** The file as it is now: byte for byte what was parsed, plus the edits. */
    public byte[] render() {
        return Lines.join(lines);
    }

    public String source() {
        return source;
    }

    /** Every {@code name=value} line that applies to {@code board}, in file order. */
    public List<Setting> effective(PiBoard board) {
        List<Setting> out = new ArrayList<>();
        Map<String, String> filters = new HashMap<>();
        String header = "";
        for (int i = 0; i < lines.size(); i++) {
            Entry e = entry(i);
            if (e.kind() == Kind.SECTION) {
                applyFilter(filters, e.filter());
                header = filters.isEmpty() ? "" : lines.get(i).text().strip();
            } else if (e.kind() == Kind.SETTING && applies(filters, board)) {
                out.add(new Setting(i + 1, e.key(), e.value().strip(), header));
            }
        }
        return out;
    }

    /** The lines for {@code key} that apply to {@code board}; the firmware takes the last. */
    public List<Setting> effective(PiBoard board, String key) {
        return effective(board).stream().filter(s -> s.key().equals(key)).toList();
    }

    /** The {@code dtoverlay=name…} lines that apply to {@code board}, with their scoped dtparams. */
    public List<Overlay> overlays(PiBoard board, String name) {
        List<Overlay> out = new ArrayList<>();
        Setting current = null;
        List<String> currentParams = List.of();
        List<Setting> scoped = new ArrayList<>();
        for (Setting s : effective(board)) {
            if (s.key().equals("dtoverlay")) {
                if (current != null) {
                    out.add(new Overlay(current, overlayName(current.value()), currentParams, List.copyOf(scoped)));
                }
                current = s;
                List<String> parts = splitParams(s.value());
                currentParams = parts.isEmpty() ? List.of() : List.copyOf(parts.subList(1, parts.size()));
                scoped.clear();
            } else if (s.key().equals("dtparam") && current != null) {
                scoped.add(s);
            }
        }
        if (current != null) {
            out.add(new Overlay(current, overlayName(current.value()), currentParams, List.copyOf(scoped)));
        }
        return out.stream().filter(o -> o.name().equals(name)).toList();
    }

    /**
     * Makes {@code key} have {@code value} for {@code board}: every applying line with another value
     * gets this one in place (the firmware takes the last, so all must agree); with none, the
     * setting is added under {@code [section]}. Returns what changed (empty: nothing to do).
     */
    public List<String> ensure(PiBoard board, String section, String key, String value) throws BootFileException {
        List<Setting> existing = effective(board, key);
        List<String> changes = new ArrayList<>();
        if (existing.isEmpty()) {
            changes.add(add(section, key, value));
            return changes;
        }
        for (Setting s : existing) {
            if (!s.value().equals(value)) {
                changes.add(setValue(s.line(), value));
            }
        }
        return changes;
    }

    /**
     * Adds {@code key=value} under a {@code [section]} model filter: at the end of the last such
     * section whose lines apply to that model alone, else in a new section placed before a trailing
     * {@code [all]} or, failing that, appended at the end and closed with {@code [all]} so that lines
     * added later by other tools still apply to every board.
     */
    public String add(String section, String key, String value) throws BootFileException {
        String line = key + "=" + value;
        checkLength(line);
        String header = "[" + section + "]";
        boolean overlay = key.equals("dtoverlay");
        String nl = Lines.newline(lines);

        int at = endOfSection(section.toLowerCase(Locale.ROOT));
        if (at >= 0 && !(overlay && dtparamFollows(at))) {
            lines.add(at, new Lines.Line(line, nl));
            return "add " + line + " under " + header + " (line " + (at + 1) + ")";
        }
        int trailingAll = trailingAll();
        if (trailingAll >= 0) {
            List<Lines.Line> block = new ArrayList<>();
            block.add(new Lines.Line(header, nl));
            block.add(new Lines.Line(line, nl));
            if (trailingAll > 0 && entry(trailingAll - 1).kind() == Kind.BLANK) {
                block.add(new Lines.Line("", nl));
            }
            lines.addAll(trailingAll, block);
            return "add " + line + " under a new " + header + " (line " + (trailingAll + 2) + ")";
        }
        terminateLastLine(nl);
        if (!lines.isEmpty() && entry(lines.size() - 1).kind() != Kind.BLANK) {
            lines.add(new Lines.Line("", nl));
        }
        lines.add(new Lines.Line(header, nl));
        lines.add(new Lines.Line(line, nl));
        int lineNo = lines.size();
        lines.add(new Lines.Line("[all]", nl));
        return "add " + line + " under a new " + header + " (line " + lineNo + ")";
    }

    /** Gives the setting on {@code lineNo} a new value, keeping its name and indentation as written. */
    public String setValue(int lineNo, String value) throws BootFileException {
        Entry e = settingAt(lineNo);
        Lines.Line old = lines.get(lineNo - 1);
        String text = old.text().substring(0, old.text().indexOf('=') + 1) + value;
        checkLength(text.strip());
        lines.set(lineNo - 1, new Lines.Line(text, old.end()));
        return "line " + lineNo + ": " + e.key() + "=" + e.value().strip() + " -> " + e.key() + "=" + value;
    }

    /** Removes the setting on {@code lineNo}. */
    public String remove(int lineNo) throws BootFileException {
        Entry e = settingAt(lineNo);
        Lines.Line removed = lines.remove(lineNo - 1);
        if (removed.end().isEmpty() && lineNo > 1) {
            // The file had no final newline; keep it that way.
            Lines.Line last = lines.get(lineNo - 2);
            lines.set(lineNo - 2, new Lines.Line(last.text(), ""));
        }
        return "remove line " + lineNo + ": " + e.key() + "=" + e.value().strip();
    }

    /**
     * Sets or clears a flag parameter such as {@code nohdmi} on the overlay's own line. A flag set
     * by a following {@code dtparam=} line is refused: rewriting that line could change what the
     * other parameters on it mean.
     */
    public String setOverlayFlag(Overlay overlay, String param, boolean on) throws BootFileException {
        List<String> parts = new ArrayList<>(splitParams(overlay.setting().value()));
        if (on) {
            parts.removeIf(p -> p.equals(param) || p.startsWith(param + "="));
            parts.add(param);
        } else {
            for (Setting d : overlay.dtparams()) {
                if (Overlay.flagIn(splitParams(d.value()), param) != null) {
                    throw BootFileException.at(source, d.line(), "dtparam=" + d.value() + " sets " + param
                            + " for overlay " + overlay.name() + "; remove it by hand");
                }
            }
            parts.removeIf(p -> p.equals(param) || p.startsWith(param + "="));
        }
        return setValue(overlay.setting().line(), String.join(",", parts));
    }

    /** The overlay name of a {@code dtoverlay} value: {@code dwc2} in {@code dwc2,dr_mode=host}. */
    public static String overlayName(String value) {
        List<String> parts = splitParams(value);
        return parts.isEmpty() ? "" : parts.get(0);
    }

    /** Splits {@code a,b="x,y",c} at commas outside double quotes. */
    static List<String> splitParams(String value) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            }
            if (c == ',' && !quoted) {
                out.add(cur.toString().strip());
                cur.setLength(0);
            } else {
                cur.append(c);
            }
        }
        if (cur.length() > 0 || !out.isEmpty()) {
            out.add(cur.toString().strip());
        }
        return out;
    }

    private Entry entry(int index) {
        try {
            return parseLine(lines.get(index).text(), source, index + 1);
        } catch (BootFileException e) {
            // Every line was checked when parsed and every added line is built valid.
            throw new IllegalStateException(e);
        }
    }

    private Entry settingAt(int lineNo) throws BootFileException {
        if (lineNo < 1 || lineNo > lines.size() || entry(lineNo - 1).kind() != Kind.SETTING) {
            throw BootFileException.at(source, lineNo, "no name=value setting on this line");
        }
        return entry(lineNo - 1);
    }

    private static Entry parseLine(String text, String source, int lineNo) throws BootFileException {
        String t = text.strip();
        if (t.isEmpty()) {
            return new Entry(Kind.BLANK, null, null, null);
        }
        if (t.startsWith("#")) {
            return new Entry(Kind.COMMENT, null, null, null);
        }
        if (t.startsWith("[")) {
            if (!t.endsWith("]") || t.length() < 3 || t.substring(1, t.length() - 1).isBlank()) {
                throw BootFileException.at(source, lineNo, "'" + t + "' is not a [filter] line");
            }
            return new Entry(Kind.SECTION, null, null, t.substring(1, t.length() - 1).strip());
        }
        int eq = t.indexOf('=');
        if (eq > 0 && KEY.matcher(t.substring(0, eq).strip()).matches()) {
            return new Entry(Kind.SETTING, t.substring(0, eq).strip(), t.substring(eq + 1), null);
        }
        int space = indexOfBlank(t);
        String word = space < 0 ? t : t.substring(0, space);
        if ((word.equals("include") || word.equals("initramfs")) && space > 0) {
            return new Entry(Kind.DIRECTIVE, word, t.substring(space).strip(), null);
        }
        throw BootFileException.at(source, lineNo, "'" + shorten(t)
                + "' is neither name=value, a [filter], a # comment nor an include/initramfs line");
    }

    private static int indexOfBlank(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) == ' ' || s.charAt(i) == '\t') {
                return i;
            }
        }
        return -1;
    }

    private static String shorten(String s) {
        return s.length() <= 60 ? s : s.substring(0, 57) + "...";
    }

    private static void applyFilter(Map<String, String> filters, String filter) {
        String f = filter.toLowerCase(Locale.ROOT);
        if (f.equals("all")) {
            filters.clear();
        } else {
            filters.put(filterType(f), f);
        }
    }

    private static String filterType(String f) {
        if (MODEL_FILTER.matcher(f).matches()) {
            return "model";
        }
        if (SERIAL_FILTER.matcher(f).matches()) {
            return "serial";
        }
        int cut = f.length();
        for (char c : new char[] {'=', ':'}) {
            int i = f.indexOf(c);
            if (i >= 0 && i < cut) {
                cut = i;
            }
        }
        return f.substring(0, cut);
    }

    /**
     * Whether the active filters certainly select this board. Filters the board cannot be judged by
     * here (EDID, GPIO, HDMI port, tryboot, none) count as not applying: a setting under them may be
     * off on the next boot.
     */
    private static boolean applies(Map<String, String> filters, PiBoard board) {
        for (Map.Entry<String, String> f : filters.entrySet()) {
            switch (f.getKey()) {
                case "model" -> {
                    if (!board.modelFilters().contains(f.getValue())) {
                        return false;
                    }
                }
                case "serial" -> {
                    Long serial = board.serialNumber();
                    if (serial == null || serial != Long.parseUnsignedLong(f.getValue().substring(2), 16)) {
                        return false;
                    }
                }
                default -> {
                    return false;
                }
            }
        }
        return true;
    }

    /**
     * Index just after the last setting of the last {@code [section]} that stands alone (no filter
     * of another type active), or -1.
     */
    private int endOfSection(String section) {
        Map<String, String> filters = new HashMap<>();
        int end = -1;
        boolean inside = false;
        for (int i = 0; i < lines.size(); i++) {
            Entry e = entry(i);
            if (e.kind() == Kind.SECTION) {
                applyFilter(filters, e.filter());
                inside = filters.size() == 1 && section.equals(filters.get("model"));
                if (inside) {
                    end = i + 1;
                }
            } else if (inside && (e.kind() == Kind.SETTING || e.kind() == Kind.DIRECTIVE)) {
                end = i + 1;
            }
        }
        return end;
    }

    /**
     * Index of a final {@code [all]} line followed only by blanks and comments, when the filters
     * before it are model filters alone (so a new model section there starts clean); else -1.
     */
    private int trailingAll() {
        int last = lines.size() - 1;
        while (last >= 0 && (entry(last).kind() == Kind.BLANK || entry(last).kind() == Kind.COMMENT)) {
            last--;
        }
        if (last < 0 || entry(last).kind() != Kind.SECTION || !entry(last).filter().equalsIgnoreCase("all")) {
            return -1;
        }
        Map<String, String> filters = new HashMap<>();
        for (int i = 0; i < last; i++) {
            Entry e = entry(i);
            if (e.kind() == Kind.SECTION) {
                applyFilter(filters, e.filter());
            }
        }
        filters.remove("model");
        return filters.isEmpty() ? last : -1;
    }

    /** Whether a dtparam line from {@code index} on would bind to an overlay inserted at {@code index}. */
    private boolean dtparamFollows(int index) {
        for (int i = index; i < lines.size(); i++) {
            Entry e = entry(i);
            if (e.kind() == Kind.SETTING && e.key().equals("dtoverlay")) {
                return false;
            }
            if (e.kind() == Kind.SETTING && e.key().equals("dtparam")) {
                return true;
            }
        }
        return false;
    }

    private void terminateLastLine(String nl) {
        if (!lines.isEmpty()) {
            Lines.Line last = lines.get(lines.size() - 1);
            if (last.end().isEmpty()) {
                lines.set(lines.size() - 1, new Lines.Line(last.text(), nl));
            }
        }
    }

    private void checkLength(String line) throws BootFileException {
        if (line.length() > MAX_LINE_CHARS) {
            throw new BootFileException(source + ": '" + shorten(line) + "' would be " + line.length()
                    + " characters; the firmware reads only " + MAX_LINE_CHARS);
        }
    }
}
