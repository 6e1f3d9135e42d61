package dev.zerocluster.master.outputs;

import dev.zerocluster.core.model.Json;
import dev.zerocluster.core.mqtt.MqttSession;
import dev.zerocluster.core.mqtt.Topics;
import dev.zerocluster.master.registry.NodeRegistry;
import dev.zerocluster.master.registry.NodeView;
import java.io.IOException;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Republishes {@code <base>/cluster} (retained) after every change in the registry. Changes that
 * come together (a master restart brings every node back at once) are published as one message,
 * at most {@link #COALESCE_MS} after the first.
 */
public final class ClusterTopic {
    static final long COALESCE_MS = 100;

    private final Topics topics;
    private final NodeRegistry registry;
    private final MqttSession session;
    private final ScheduledExecutorService timer;
    private final Clock clock;
    private final AtomicBoolean pending = new AtomicBoolean();

    /** The retained payload: the time and every node's summary. */
    public record ClusterMessage(String ts, List<NodeView.Summary> nodes) {
    }

    public ClusterTopic(Topics topics, NodeRegistry registry, MqttSession session, ScheduledExecutorService timer,
                        Clock clock) {
        this.topics = topics;
        this.registry = registry;
        this.session = session;
        this.timer = timer;
        this.clock = clock;
        registry.addListener(this::changed);
    }

    public void changed() {
        if (pending.compareAndSet(false, true)) {
            try {
                timer.schedule(this::publish, COALESCE_MS, TimeUnit.MILLISECONDS);
            } catch (java.util.concurrent.RejectedExecutionException e) {
                // The master is shutting down; its last word is its own offline status.
            }
        }
    }

    private void publish() {
        pending.set(false);
        List<NodeView.Summary> nodes = registry.snapshot().stream().map(NodeView::summary).toList();
        try {
            byte[] payload = Json.mapper().writeValueAsBytes(new ClusterMessage(
                    clock.instant().truncatedTo(ChronoUnit.MILLIS).toString(), nodes));
            session.publish(new MqttSession.Message(topics.cluster(), payload, 1, true));
        } catch (IOException e) {
            throw new IllegalStateException("the cluster message always serializes", e);
        }
    }
}
