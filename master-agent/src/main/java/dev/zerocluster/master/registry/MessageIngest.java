package dev.zerocluster.master.registry;

import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.zerocluster.core.model.HealthReport;
import dev.zerocluster.core.model.Json;
import dev.zerocluster.core.model.NodeId;
import dev.zerocluster.core.model.StatusMessage;
import dev.zerocluster.core.mqtt.Topics;
import java.io.IOException;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * Turns the messages on {@code <base>/nodes/<id>/status} and {@code …/health} into registry
 * updates, and refuses what does not belong (SPEC §6): more than 64 KiB, not JSON, not our schema,
 * or a payload that names another node than its topic. Each refusal is counted and logged once per
 * kind; the message is dropped and nothing else is affected.
 */
public final class MessageIngest {
    public static final int MAX_PAYLOAD_BYTES = 64 * 1024;

    private final Topics topics;
    private final NodeRegistry registry;
    private final BadInput bad;
    private final LatencyHistogram latency;
    private final Clock clock;
    private final ObjectMapper mapper = Json.mapper();

    public MessageIngest(Topics topics, NodeRegistry registry, BadInput bad, LatencyHistogram latency, Clock clock) {
        this.topics = topics;
        this.registry = registry;
        this.bad = bad;
        this.latency = latency;
        this.clock = clock;
    }

    /** Whether a topic is one this class reads: anything under {@code <base>/nodes/}. */
    public boolean concerns(String topic) {
        return topics.underNodes(topic);
    }

    public void accept(String topic, byte[] payload) {
        Topics.NodeTopic nt = topics.parseNodeTopic(topic).orElse(null);
        if (nt == null) {
            return;
        }
        if (nt.id() == null) {
            bad.count(BadInput.Kind.FOREIGN_ID, topic, "the topic's id is not a node id");
            return;
        }
        if (payload.length > MAX_PAYLOAD_BYTES) {
            bad.count(BadInput.Kind.OVERSIZED, topic, payload.length + " bytes");
            return;
        }
        if (payload.length == 0) {
            // An empty retained message clears a topic; it says nothing about the node.
            return;
        }
        if (!startsAnObject(payload)) {
            bad.count(BadInput.Kind.MALFORMED, topic, "not a JSON object");
            return;
        }
        switch (nt.kind()) {
            case "health" -> health(topic, nt.id(), payload);
            case "status" -> status(topic, nt.id(), payload);
            default -> { }
        }
    }

    /**
     * Each payload is parsed once, straight into its record: at 1000 nodes a tree first and the
     * record from it cost a third more of the ingest's CPU. Jackson tells the two failures apart: a
     * stream it cannot read is malformed, readable JSON that does not bind is a foreign schema.
     */
    private <T> T parse(String topic, byte[] payload, Class<T> type, String what) {
        try {
            return mapper.readValue(payload, type);
        } catch (StreamReadException e) {
            bad.count(BadInput.Kind.MALFORMED, topic, e.getOriginalMessage());
        } catch (IOException | IllegalArgumentException e) {
            bad.count(BadInput.Kind.FOREIGN_SCHEMA, topic, "does not match " + what + ": " + e.getMessage());
        }
        return null;
    }

    private void health(String topic, NodeId id, byte[] payload) {
        HealthReport report = parse(topic, payload, HealthReport.class, "health schema 1");
        if (report == null) {
            return;
        }
        if (report.schema() != HealthReport.SCHEMA) {
            bad.count(BadInput.Kind.FOREIGN_SCHEMA, topic, "schema is " + report.schema() + ", expected 1");
            return;
        }
        if (report.node() == null || !report.node().equals(id)) {
            bad.count(BadInput.Kind.FOREIGN_ID, topic, "the report names node " + report.node());
            return;
        }
        record(report.ts());
        registry.onHealth(id, report);
    }

    private void status(String topic, NodeId id, byte[] payload) {
        StatusMessage status = parse(topic, payload, StatusMessage.class, "a status message");
        if (status == null) {
            return;
        }
        if (!StatusMessage.ONLINE.equals(status.state()) && !StatusMessage.OFFLINE.equals(status.state())) {
            bad.count(BadInput.Kind.FOREIGN_SCHEMA, topic, "state is " + status.state());
            return;
        }
        if (status.node() == null || !status.node().equals(id.value())) {
            bad.count(BadInput.Kind.FOREIGN_ID, topic, "the status names node " + status.node());
            return;
        }
        registry.onStatus(id, status);
    }

    /** JSON's insignificant white space (RFC 8259 §2), then the object's brace. */
    private static boolean startsAnObject(byte[] payload) {
        for (byte b : payload) {
            if (b != ' ' && b != '\t' && b != '\n' && b != '\r') {
                return b == '{';
            }
        }
        return false;
    }

    /** Publish-to-registry latency, from the report's own time stamp (meaningful to its precision). */
    private void record(String ts) {
        if (ts == null) {
            return;
        }
        long sentMicros = epochMicros(ts);
        if (sentMicros == Long.MIN_VALUE) {
            // An odd time stamp is the node's business; the report itself is fine.
            return;
        }
        Instant now = clock.instant();
        long nowMicros = now.getEpochSecond() * 1_000_000 + now.getNano() / 1000;
        latency.recordMicros(Math.max(0, nowMicros - sentMicros));
    }

    /**
     * Microseconds since the epoch of an ISO-8601 UTC instant as nodes write it
     * ({@code 2026-11-26T21:03:15Z}, optionally with a fraction of up to nine digits), or
     * {@link Long#MIN_VALUE} when it is not a valid one. Read by hand because at 1000 reports a
     * second {@code Instant.parse} was an eighth of the ingest thread's own CPU; anything in
     * another shape still goes through it.
     */
    static long epochMicros(String ts) {
        int n = ts.length();
        if (n >= 20 && n <= 30 && ts.charAt(4) == '-' && ts.charAt(7) == '-' && ts.charAt(10) == 'T'
                && ts.charAt(13) == ':' && ts.charAt(16) == ':' && ts.charAt(n - 1) == 'Z') {
            int year = digits(ts, 0, 4);
            int month = digits(ts, 5, 2);
            int day = digits(ts, 8, 2);
            int hour = digits(ts, 11, 2);
            int minute = digits(ts, 14, 2);
            int second = digits(ts, 17, 2);
            long micros = 0;
            boolean ok = year >= 0 && month >= 1 && month <= 12 && day >= 1 && hour >= 0 && hour < 24
                    && minute >= 0 && minute < 60 && second >= 0 && second < 60;
            if (ok && n > 20) {
                int fraction = n - 21;
                ok = ts.charAt(19) == '.' && fraction >= 1 && fraction <= 9;
                for (int i = 0; ok && i < fraction; i++) {
                    int d = ts.charAt(20 + i) - '0';
                    ok = d >= 0 && d <= 9;
                    if (i < 6) {
                        micros = micros * 10 + d;
                    }
                }
                for (int i = fraction; i < 6; i++) {
                    micros *= 10;
                }
            }
            if (!ok || day > 31) {
                return Long.MIN_VALUE;
            }
            long epochDay;
            try {
                epochDay = LocalDate.of(year, month, day).toEpochDay();
            } catch (DateTimeException e) {
                return Long.MIN_VALUE;
            }
            return ((epochDay * 24 + hour) * 60 + minute) * 60_000_000L + second * 1_000_000L + micros;
        }
        try {
            Instant t = Instant.parse(ts);
            return Math.multiplyExact(t.getEpochSecond(), 1_000_000L) + t.getNano() / 1000;
        } catch (DateTimeParseException | ArithmeticException e) {
            return Long.MIN_VALUE;
        }
    }

    /** The decimal number in {@code s[from, from + count)}, or -1 if any of it is not a digit. */
    private static int digits(String s, int from, int count) {
        int v = 0;
        for (int i = from; i < from + count; i++) {
            int d = s.charAt(i) - '0';
            if (d < 0 || d > 9) {
                return -1;
            }
            v = v * 10 + d;
        }
        return v;
    }
}
