package dev.zerocluster.core.model;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * Writes a {@link HealthReport} and a {@link StatusMessage} with jackson-core's streaming
 * generator, byte for byte as {@link Json#mapper()} writes them (the same generator underneath,
 * fields in record order, nulls written), into one reused buffer.
 *
 * <p>Why not databind, as everywhere else: a node sends a report every {@code health.interval}
 * for as long as it runs, and databind costs a Pi Zero twice. Loading it (about 600 classes) keeps
 * several MiB of class metadata resident on a 512 MB board whose agent has a 64 MB budget, and each
 * report walked the records by reflection through its serializers. With this writer and
 * {@link JsonFields} for the two messages a node reads, databind never loads in {@code zc-node run}
 * (docs/performance.md, "Node footprint"). A field added to a record must be added here too;
 * {@code MessageWriterTest} compares the two writers on every field, null or not.
 *
 * <p>Not thread-safe: one writer per thread.
 */
public final class MessageWriter {
    /** The factory databind's {@code JsonMapper} uses, with its defaults. */
    static final JsonFactory FACTORY = new JsonFactory();

    private final ByteArrayBuilder buffer = new ByteArrayBuilder(1024);

    /** The report as {@code Json.mapper().writeValueAsBytes(report)} writes it. */
    public byte[] healthReport(HealthReport r) {
        try (JsonGenerator g = start()) {
            g.writeStartObject();
            g.writeNumberField("schema", r.schema());
            text(g, "node", r.node() == null ? null : r.node().value());
            text(g, "ts", r.ts());
            g.writeNumberField("seq", r.seq());
            text(g, "model", r.model());
            text(g, "serial", r.serial());
            number(g, "uptimeSeconds", r.uptimeSeconds());
            number(g, "load1", r.load1());
            number(g, "load5", r.load5());
            number(g, "load15", r.load15());
            number(g, "cpuCount", r.cpuCount());
            number(g, "cpuTempC", r.cpuTempC());
            number(g, "cpuFreqMHz", r.cpuFreqMHz());
            throttled(g, r.throttled());
            memory(g, r.memory());
            disk(g, r.disk());
            links(g, r.links());
            tweaks(g, r.tweaks());
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("writing to memory cannot fail", e);
        }
        return bytes();
    }

    /** The status as {@code Json.mapper().writeValueAsBytes(status)} writes it. */
    public byte[] status(StatusMessage m) {
        try (JsonGenerator g = start()) {
            g.writeStartObject();
            text(g, "state", m.state());
            text(g, "node", m.node());
            text(g, "ts", m.ts());
            text(g, "reason", m.reason());
            text(g, "agentVersion", m.agentVersion());
            text(g, "bootId", m.bootId());
            number(g, "healthIntervalSeconds", m.healthIntervalSeconds());
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("writing to memory cannot fail", e);
        }
        return bytes();
    }

    private JsonGenerator start() throws IOException {
        buffer.reset();
        return FACTORY.createGenerator(buffer);
    }

    /** A copy: the caller keeps it (the MQTT session may buffer it) while the buffer is reused. */
    private byte[] bytes() {
        return buffer.toByteArray();
    }

    private static void throttled(JsonGenerator g, Throttled t) throws IOException {
        if (!startObject(g, "throttled", t)) {
            return;
        }
        number(g, "raw", t.raw());
        bool(g, "underVoltage", t.underVoltage());
        bool(g, "freqCapped", t.freqCapped());
        bool(g, "throttled", t.throttled());
        bool(g, "softTempLimit", t.softTempLimit());
        bool(g, "underVoltageOccurred", t.underVoltageOccurred());
        bool(g, "freqCappedOccurred", t.freqCappedOccurred());
        bool(g, "throttledOccurred", t.throttledOccurred());
        bool(g, "softTempLimitOccurred", t.softTempLimitOccurred());
        g.writeEndObject();
    }

    private static void memory(JsonGenerator g, HealthReport.Memory m) throws IOException {
        if (!startObject(g, "memory", m)) {
            return;
        }
        number(g, "totalBytes", m.totalBytes());
        number(g, "availableBytes", m.availableBytes());
        g.writeEndObject();
    }

    private static void disk(JsonGenerator g, HealthReport.Disk d) throws IOException {
        if (!startObject(g, "disk", d)) {
            return;
        }
        text(g, "path", d.path());
        number(g, "totalBytes", d.totalBytes());
        number(g, "freeBytes", d.freeBytes());
        g.writeEndObject();
    }

    private static void links(JsonGenerator g, List<HealthReport.Link> links) throws IOException {
        g.writeFieldName("links");
        if (links == null) {
            g.writeNull();
            return;
        }
        g.writeStartArray();
        for (int i = 0; i < links.size(); i++) {
            HealthReport.Link l = links.get(i);
            if (l == null) {
                g.writeNull();
                continue;
            }
            g.writeStartObject();
            text(g, "name", l.name());
            text(g, "kind", l.kind());
            bool(g, "up", l.up());
            bool(g, "active", l.active());
            text(g, "address", l.address());
            number(g, "rxBytes", l.rxBytes());
            number(g, "txBytes", l.txBytes());
            number(g, "rxErrors", l.rxErrors());
            number(g, "txErrors", l.txErrors());
            g.writeEndObject();
        }
        g.writeEndArray();
    }

    private static void tweaks(JsonGenerator g, HealthReport.Tweaks t) throws IOException {
        if (!startObject(g, "tweaks", t)) {
            return;
        }
        text(g, "hdmi", t.hdmi());
        text(g, "actLed", t.actLed());
        g.writeEndObject();
    }

    /** Writes {@code name}, then null when {@code value} is null (false) or an object's start (true). */
    private static boolean startObject(JsonGenerator g, String name, Object value) throws IOException {
        g.writeFieldName(name);
        if (value == null) {
            g.writeNull();
            return false;
        }
        g.writeStartObject();
        return true;
    }

    private static void text(JsonGenerator g, String name, String s) throws IOException {
        g.writeFieldName(name);
        if (s == null) {
            g.writeNull();
        } else {
            g.writeString(s);
        }
    }

    private static void bool(JsonGenerator g, String name, Boolean b) throws IOException {
        g.writeFieldName(name);
        if (b == null) {
            g.writeNull();
        } else {
            g.writeBoolean(b);
        }
    }

    /** Integer, Long and Double as databind's number serializers write them. */
    private static void number(JsonGenerator g, String name, Number n) throws IOException {
        g.writeFieldName(name);
        if (n == null) {
            g.writeNull();
        } else if (n instanceof Double d) {
            g.writeNumber(d.doubleValue());
        } else if (n instanceof Long l) {
            g.writeNumber(l.longValue());
        } else {
            g.writeNumber(n.intValue());
        }
    }
}
