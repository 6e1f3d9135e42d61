package dev.zerocluster.master.registry;

import dev.zerocluster.core.system.OnceLog;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.LoggerFactory;

/** Messages dropped for what they were, counted per kind and logged once per kind (SPEC §6). */
public final class BadInput {
    public enum Kind {
        /** Larger than {@link MessageIngest#MAX_PAYLOAD_BYTES}. */
        OVERSIZED,
        /** Not JSON. */
        MALFORMED,
        /** JSON, but not schema 1 of the health report or not a status message. */
        FOREIGN_SCHEMA,
        /** The payload names another node than its topic, or the topic's id is not a node id. */
        FOREIGN_ID
    }

    private final Map<Kind, AtomicLong> counts = new EnumMap<>(Kind.class);
    private final OnceLog onceLog = new OnceLog(LoggerFactory.getLogger(BadInput.class));

    public BadInput() {
        for (Kind k : Kind.values()) {
            counts.put(k, new AtomicLong());
        }
    }

    public void count(Kind kind, String topic, String detail) {
        counts.get(kind).incrementAndGet();
        onceLog.warn(kind.name(), "dropped a " + kind.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-')
                + " message on " + topic + ": " + detail + " (further ones are only counted)");
    }

    public long count(Kind kind) {
        return counts.get(kind).get();
    }

    public Map<String, Long> snapshot() {
        Map<String, Long> out = new java.util.LinkedHashMap<>();
        for (Kind k : Kind.values()) {
            out.put(k.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'), counts.get(k).get());
        }
        return out;
    }
}
