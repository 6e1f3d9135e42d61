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
import java.time.Duration;
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
    private final String nodesPrefix;

    public MessageIngest(Topics topics, NodeRegistry registry, BadInput bad, LatencyHistogram latency, Clock clock) {
        this.topics = topics;
        this.registry = registry;
        this.bad = bad;
        this.latency = latency;
        this.clock = clock;
        this.nodesPrefix = topics.base() + "/nodes/";
    }

    /** Whether a topic is one this class reads: anything under {@code <base>/nodes/}. */
    public boolean concerns(String topic) {
        return topic.startsWith(nodesPrefix);
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
        try {
            Duration d = Duration.between(Instant.parse(ts), clock.instant());
            latency.recordMicros(Math.max(0, d.toNanos() / 1000));
        } catch (DateTimeParseException e) {
            // An odd time stamp is the node's business; the report itself is fine.
        }
    }
}
