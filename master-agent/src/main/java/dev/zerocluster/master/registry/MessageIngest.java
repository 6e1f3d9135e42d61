package dev.zerocluster.master.registry;

import com.fasterxml.jackson.databind.JsonNode;
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

    public MessageIngest(Topics topics, NodeRegistry registry, BadInput bad, LatencyHistogram latency, Clock clock) {
        this.topics = topics;
        this.registry = registry;
        this.bad = bad;
        this.latency = latency;
        this.clock = clock;
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
        JsonNode tree;
        try {
            tree = mapper.readTree(payload);
        } catch (IOException e) {
            bad.count(BadInput.Kind.MALFORMED, topic, e.getMessage());
            return;
        }
        if (tree == null || !tree.isObject()) {
            bad.count(BadInput.Kind.MALFORMED, topic, "not a JSON object");
            return;
        }
        switch (nt.kind()) {
            case "health" -> health(topic, nt.id(), tree);
            case "status" -> status(topic, nt.id(), tree);
            default -> { }
        }
    }

    private void health(String topic, NodeId id, JsonNode tree) {
        JsonNode schema = tree.get("schema");
        if (schema == null || !schema.isInt() || schema.asInt() != HealthReport.SCHEMA) {
            bad.count(BadInput.Kind.FOREIGN_SCHEMA, topic, "schema is " + schema + ", expected 1");
            return;
        }
        HealthReport report;
        try {
            report = mapper.treeToValue(tree, HealthReport.class);
        } catch (IOException | IllegalArgumentException e) {
            bad.count(BadInput.Kind.FOREIGN_SCHEMA, topic, "does not match health schema 1: " + e.getMessage());
            return;
        }
        if (report.node() == null || !report.node().equals(id)) {
            bad.count(BadInput.Kind.FOREIGN_ID, topic, "the report names node " + report.node());
            return;
        }
        record(report.ts());
        registry.onHealth(id, report);
    }

    private void status(String topic, NodeId id, JsonNode tree) {
        StatusMessage status;
        try {
            status = mapper.treeToValue(tree, StatusMessage.class);
        } catch (IOException | IllegalArgumentException e) {
            bad.count(BadInput.Kind.FOREIGN_SCHEMA, topic, "not a status message: " + e.getMessage());
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
