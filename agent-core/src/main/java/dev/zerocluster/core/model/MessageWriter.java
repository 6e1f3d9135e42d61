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
            g.writeFieldName("node");
            text(g, r.node() == null ? null : r.node().value());
            g.writeFieldName("ts");
            text(g, r.ts());
            g.writeNumberField("seq", r.seq());
            g.writeFieldName("model");
            text(g, r.model());
            g.writeFieldName("serial");
            text(g, r.serial());
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
            g.writeFieldName("state");
            text(g, m.state());
            g.writeFieldName("node");
            text(g, m.node());
            g.writeFieldName("ts");
            text(g, m.ts());
            g.writeFieldName("reason");
            text(g, m.reason());
            g.writeFieldName("agentVersion");
            text(g, m.agentVersion());
            g.writeFieldName("bootId");
            text(g, m.bootId());
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
        g.writeFieldName("throttled");
        if (t == null) {
            g.writeNull();
            return;
        }
        g.writeStartObject();
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
        g.writeFieldName("memory");
        if (m == null) {
            g.writeNull();
            return;
        }
        g.writeStartObject();
        number(g, "totalBytes", m.totalBytes());
        number(g, "availableBytes", m.availableBytes());
        g.writeEndObject();
    }

    private static void disk(JsonGenerator g, HealthReport.Disk d) throws IOException {
        g.writeFieldName("disk");
        if (d == null) {
            g.writeNull();
            return;
        }
        g.writeStartObject();
        g.writeFieldName("path");
        text(g, d.path());
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
            g.writeFieldName("name");
            text(g, l.name());
            g.writeFieldName("kind");
            text(g, l.kind());
            bool(g, "up", l.up());
            bool(g, "active", l.active());
            g.writeFieldName("address");
            text(g, l.address());
            number(g, "rxBytes", l.rxBytes());
            number(g, "txBytes", l.txBytes());
            number(g, "rxErrors", l.rxErrors());
            number(g, "txErrors", l.txErrors());
            g.writeEndObject();
        }
        g.writeEndArray();
    }

    private static void tweaks(JsonGenerator g, HealthReport.Tweaks t) throws IOException {
        g.writeFieldName("tweaks");
        if (t == null) {
            g.writeNull();
            return;
        }
        g.writeStartObject();
        g.writeFieldName("hdmi");
        text(g, t.hdmi());
        g.writeFieldName("actLed");
        text(g, t.actLed());
        g.writeEndObject();
    }

    private static void text(JsonGenerator g, String s) throws IOException {
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
