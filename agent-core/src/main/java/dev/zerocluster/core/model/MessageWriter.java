package dev.zerocluster.core.model;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * Writes a {@link HealthReport} and a {@link StatusMessage} as JSON, byte for byte as
 * {@link Json#mapper()} writes them (fields in record order, nulls written, no spaces, numbers as
 * {@code Integer/Long/Double.toString}, non-finite doubles as strings, text in UTF-8 with
 * jackson-core's escapes: {@code \" \\ \b \t \n \f \r} and <code>&#92;u00XX</code> for the
 * other control characters), into one reused buffer.
 *
 * <p>Why not databind, as everywhere else: a node sends a report every {@code health.interval}
 * for as long as it runs, and databind costs a Pi Zero twice. Loading it (about 600 classes) keeps
 * several MiB of class metadata resident on a 512 MB board whose agent has a 64 MB budget, and each
 * report walked the records by reflection through its serializers. Why not jackson-core's
 * streaming generator either (the writer before this one): each report took a new generator, its
 * I/O context, the thread's buffer recycler and its 8000-byte buffer, and on the development
 * machine a report's cost is mostly what it touches after an idle second (docs/performance.md,
 * "Node footprint"). With this writer and {@link JsonFields} for the two
 * messages a node reads, databind never loads in {@code zc-node run}. A field added to a record
 * must be added here too; {@code MessageWriterTest} compares the bytes with databind's on every
 * field, null or not, and on text that needs escaping.
 *
 * <p>Not thread-safe: one writer per thread.
 */
public final class MessageWriter {
    private static final byte[] HEX = "0123456789ABCDEF".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] NULL = {'n', 'u', 'l', 'l'};
    private static final byte[] TRUE = {'t', 'r', 'u', 'e'};
    private static final byte[] FALSE = {'f', 'a', 'l', 's', 'e'};
    /** 10^k for the places {@link #shortDecimal} tries. */
    private static final double[] SCALES = {1, 10, 100, 1000};

    private byte[] buf = new byte[1024];
    private int length;
    /** Whether the next name or array element needs a comma before it. */
    private boolean comma;

    /** The report as {@code Json.mapper().writeValueAsBytes(report)} writes it. */
    public byte[] healthReport(HealthReport r) {
        start();
        name("schema");
        number(r.schema());
        text("node", r.node() == null ? null : r.node().value());
        text("ts", r.ts());
        name("seq");
        number(r.seq());
        text("model", r.model());
        text("serial", r.serial());
        number("uptimeSeconds", r.uptimeSeconds());
        number("load1", r.load1());
        number("load5", r.load5());
        number("load15", r.load15());
        number("cpuCount", r.cpuCount());
        number("cpuTempC", r.cpuTempC());
        number("cpuFreqMHz", r.cpuFreqMHz());
        throttled(r.throttled());
        memory(r.memory());
        disk(r.disk());
        links(r.links());
        tweaks(r.tweaks());
        endObject();
        return bytes();
    }

    /** The status as {@code Json.mapper().writeValueAsBytes(status)} writes it. */
    public byte[] status(StatusMessage m) {
        start();
        text("state", m.state());
        text("node", m.node());
        text("ts", m.ts());
        text("reason", m.reason());
        text("agentVersion", m.agentVersion());
        text("bootId", m.bootId());
        number("healthIntervalSeconds", m.healthIntervalSeconds());
        endObject();
        return bytes();
    }

    /**
     * Starts an object, dropping what was written before: the start of a message written field by
     * field, as the node's collector writes its report straight from the kernel's files
     * (docs/performance.md, "Node footprint"). {@link #finish} ends it.
     */
    public void start() {
        length = 0;
        comma = false;
        put('{');
    }

    /** Ends the object {@link #start} began and returns a copy of it. */
    public byte[] finish() {
        endObject();
        return bytes();
    }

    /** A copy: the caller keeps it (the MQTT session may buffer it) while the buffer is reused. */
    private byte[] bytes() {
        return Arrays.copyOf(buf, length);
    }

    /** {@code "name":value}. */
    public void number(String name, long value) {
        name(name);
        number(value);
    }

    /** {@code "name":value} as {@link Double#toString} writes it, or {@code null} when NaN. */
    public void numberOrNull(String name, double value) {
        name(name);
        if (Double.isNaN(value)) {
            value(NULL);
        } else {
            number(value);
        }
    }

    public void nullValue(String name) {
        name(name);
        value(NULL);
    }

    /**
     * {@code s} as the JSON string {@link #text} writes, quotes included: for a text written again
     * and again (a node's id, model and serial), so it is escaped once and then written with
     * {@link #preEncoded}.
     */
    public static byte[] encode(String s) {
        MessageWriter w = new MessageWriter();
        if (s == null) {
            w.value(NULL);
        } else {
            w.string(s);
        }
        return w.bytes();
    }

    /** {@code "name":} and a value from {@link #encode}. */
    public void preEncoded(String name, byte[] encoded) {
        name(name);
        value(encoded);
    }

    /** {@code "name":"…"} from ASCII bytes that need no escaping (digits, letters, {@code -:.}). */
    public void asciiText(String name, byte[] ascii, int length) {
        name(name);
        ensure(length + 2);
        buf[this.length++] = '"';
        System.arraycopy(ascii, 0, buf, this.length, length);
        this.length += length;
        buf[this.length++] = '"';
        comma = true;
    }

    /** {@code "name":} and the start of an object, whose fields follow; {@link #endObject} ends it. */
    public void startObject(String name) {
        name(name);
        put('{');
        comma = false;
    }

    /** {@code "throttled":…} as in a health report. */
    public void throttled(Throttled t) {
        if (!startObject("throttled", t)) {
            return;
        }
        number("raw", t.raw());
        bool("underVoltage", t.underVoltage());
        bool("freqCapped", t.freqCapped());
        bool("throttled", t.throttled());
        bool("softTempLimit", t.softTempLimit());
        bool("underVoltageOccurred", t.underVoltageOccurred());
        bool("freqCappedOccurred", t.freqCappedOccurred());
        bool("throttledOccurred", t.throttledOccurred());
        bool("softTempLimitOccurred", t.softTempLimitOccurred());
        endObject();
    }

    private void memory(HealthReport.Memory m) {
        if (!startObject("memory", m)) {
            return;
        }
        number("totalBytes", m.totalBytes());
        number("availableBytes", m.availableBytes());
        endObject();
    }

    private void disk(HealthReport.Disk d) {
        if (!startObject("disk", d)) {
            return;
        }
        text("path", d.path());
        number("totalBytes", d.totalBytes());
        number("freeBytes", d.freeBytes());
        endObject();
    }

    private void links(List<HealthReport.Link> links) {
        links(links == null ? null : links.toArray(HealthReport.Link[]::new));
    }

    /** {@code "links":[…]} as in a health report. */
    public void links(HealthReport.Link[] links) {
        name("links");
        if (links == null) {
            value(NULL);
            return;
        }
        put('[');
        comma = false;
        for (HealthReport.Link l : links) {
            separate();
            if (l == null) {
                value(NULL);
                continue;
            }
            put('{');
            comma = false;
            text("name", l.name());
            text("kind", l.kind());
            bool("up", l.up());
            bool("active", l.active());
            text("address", l.address());
            number("rxBytes", l.rxBytes());
            number("txBytes", l.txBytes());
            number("rxErrors", l.rxErrors());
            number("txErrors", l.txErrors());
            endObject();
        }
        put(']');
        comma = true;
    }

    /** {@code "tweaks":…} as in a health report. */
    public void tweaks(HealthReport.Tweaks t) {
        if (!startObject("tweaks", t)) {
            return;
        }
        text("hdmi", t.hdmi());
        text("actLed", t.actLed());
        endObject();
    }

    /** Writes {@code name}, then null when {@code value} is null (false) or an object's start (true). */
    private boolean startObject(String name, Object value) {
        if (value == null) {
            nullValue(name);
            return false;
        }
        startObject(name);
        return true;
    }

    public void endObject() {
        put('}');
        comma = true;
    }

    private void separate() {
        if (comma) {
            put(',');
        }
    }

    /** A field name: the names are this class's ASCII constants, which need no escaping. */
    private void name(String name) {
        separate();
        ensure(name.length() + 3);
        buf[length++] = '"';
        for (int i = 0; i < name.length(); i++) {
            buf[length++] = (byte) name.charAt(i);
        }
        buf[length++] = '"';
        buf[length++] = ':';
        comma = false;
    }

    private void value(byte[] literal) {
        ensure(literal.length);
        System.arraycopy(literal, 0, buf, length, literal.length);
        length += literal.length;
        comma = true;
    }

    public void text(String name, String s) {
        name(name);
        if (s == null) {
            value(NULL);
        } else {
            string(s);
        }
    }

    public void bool(String name, Boolean b) {
        name(name);
        value(b == null ? NULL : b ? TRUE : FALSE);
    }

    /** Integer, Long and Double as databind's number serializers write them. */
    private void number(String name, Number n) {
        name(name);
        if (n == null) {
            value(NULL);
        } else if (n instanceof Double d) {
            number(d.doubleValue());
        } else if (n instanceof Long l) {
            // Through the final classes, whose accessors are inlined: Number.longValue is a
            // virtual call into a method compiled early, on a code page of its own.
            number(l.longValue());
        } else if (n instanceof Integer i) {
            number(i.longValue());
        } else {
            number(n.longValue());
        }
    }

    /** Digits straight into the buffer: no String per number. */
    private void number(long v) {
        ensure(20);
        if (v == Long.MIN_VALUE) {
            ascii(Long.toString(v));
            return;
        }
        if (v < 0) {
            buf[length++] = '-';
            v = -v;
        }
        int digits = 1;
        for (long rest = v / 10; rest != 0; rest /= 10) {
            digits++;
        }
        for (int i = length + digits - 1; i >= length; i--) {
            buf[i] = (byte) ('0' + v % 10);
            v /= 10;
        }
        length += digits;
        comma = true;
    }

    /** {@link Double#toString}, as jackson-core writes a double; NaN and the infinities as strings. */
    private void number(double d) {
        if (shortDecimal(d)) {
            return;
        }
        String digits = Double.toString(d);
        if (Double.isFinite(d)) {
            ascii(digits);
        } else {
            string(digits);
        }
    }

    /**
     * Writes {@code d} if it is a decimal of at most three places whose magnitude lies in
     * [10<sup>-3</sup>, 10<sup>7</sup>), which is what a report's doubles are (the uptime to the
     * hundredth, the loads, the temperature to the thousandth), and says whether it did. The text is
     * {@link Double#toString}'s: the fewest places that read back as {@code d}, at least one, and no
     * exponent in that range. It is found by scaling instead of through FloatingDecimal, whose
     * {@code dtoa}, thread-local buffer and {@code getChars} were about 10 kB of compiled code that
     * every report touched after an idle second (docs/performance.md, "Node footprint"). The places
     * are exact: {@code n / 10^k} of two exact doubles is correctly rounded, so equal to {@code d}
     * exactly when the decimal {@code n·10^-k} reads back as {@code d}, and the first {@code k}
     * that passes is the shortest. {@code MessageWriterTest} compares the text with
     * {@code Double.toString} over every such value of a report's kinds.
     */
    private boolean shortDecimal(double d) {
        double magnitude = Math.abs(d);
        if (!(magnitude >= 1e-3 && magnitude < 1e7)) {
            return false;
        }
        for (int places = 0; places < SCALES.length; places++) {
            long n = Math.round(magnitude * SCALES[places]);
            if (n / SCALES[places] == magnitude) {
                ensure(24);
                if (d < 0) {
                    buf[length++] = '-';
                }
                long scale = (long) SCALES[places];
                number(n / scale);
                buf[length++] = '.';
                if (places == 0) {
                    buf[length++] = '0';
                }
                long fraction = n % scale;
                for (long digit = scale / 10; digit > 0; digit /= 10) {
                    buf[length++] = (byte) ('0' + fraction / digit % 10);
                }
                comma = true;
                return true;
            }
        }
        return false;
    }

    private void ascii(String s) {
        ensure(s.length());
        for (int i = 0; i < s.length(); i++) {
            buf[length++] = (byte) s.charAt(i);
        }
        comma = true;
    }

    /**
     * A JSON string in UTF-8, escaped as jackson-core 2.21 escapes by default: every UTF-16
     * surrogate, paired or not, as a <code>&#92;uXXXX</code> escape of its own (its
     * {@code COMBINE_UNICODE_SURROGATES_IN_UTF8} is off), everything else above ASCII as UTF-8.
     */
    private void string(String s) {
        ensure(s.length() * 6 + 2);
        buf[length++] = '"';
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= 0x20 && c < 0x80 && c != '"' && c != '\\') {
                buf[length++] = (byte) c;
            } else if (c < 0x80) {
                escape(c);
            } else if (c < 0x800) {
                buf[length++] = (byte) (0xc0 | (c >> 6));
                buf[length++] = (byte) (0x80 | (c & 0x3f));
            } else if (Character.isSurrogate(c)) {
                unicodeEscape(c);
            } else {
                buf[length++] = (byte) (0xe0 | (c >> 12));
                buf[length++] = (byte) (0x80 | ((c >> 6) & 0x3f));
                buf[length++] = (byte) (0x80 | (c & 0x3f));
            }
        }
        buf[length++] = '"';
        comma = true;
    }

    /** jackson-core's CharTypes: short escapes where JSON has them, <code>&#92;u00XX</code> for the rest. */
    private void escape(char c) {
        char shortForm = switch (c) {
            case '"' -> '"';
            case '\\' -> '\\';
            case '\b' -> 'b';
            case '\t' -> 't';
            case '\n' -> 'n';
            case '\f' -> 'f';
            case '\r' -> 'r';
            default -> 0;
        };
        if (shortForm != 0) {
            buf[length++] = '\\';
            buf[length++] = (byte) shortForm;
        } else {
            unicodeEscape(c);
        }
    }

    private void unicodeEscape(char c) {
        buf[length++] = '\\';
        buf[length++] = 'u';
        buf[length++] = HEX[(c >> 12) & 0xf];
        buf[length++] = HEX[(c >> 8) & 0xf];
        buf[length++] = HEX[(c >> 4) & 0xf];
        buf[length++] = HEX[c & 0xf];
    }

    private void put(char c) {
        ensure(1);
        buf[length++] = (byte) c;
    }

    private void ensure(int more) {
        if (length + more > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, length + more));
        }
    }
}
