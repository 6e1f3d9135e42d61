package dev.zerocluster.master.registry;

import dev.zerocluster.core.model.HealthReport;
import dev.zerocluster.core.model.NodeId;
import dev.zerocluster.core.model.StatusMessage;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.LongSupplier;

/**
 * Every node the master has heard of, and its state (SPEC §5).
 *
 * <p>A node is {@code online} when it is connected, its last status said online and its health is
 * fresh; {@code stale} when it still says online but sent no health for {@code offlineAfter}
 * (configured, else three times the interval the node announced); {@code offline} otherwise.
 * "Connected" comes from the embedded broker's own connect/disconnect events when
 * {@code brokerPresence} is on; there a status {@code offline} for a node that is still connected
 * is ignored, because Moquette publishes wills unchecked and one node could speak for another. With
 * an external Mosquitto (which checks wills against the ACL) the status messages are the truth.
 *
 * <p>Time for freshness is the injected monotonic clock; wall time only labels {@code lastSeen}.
 */
public final class NodeRegistry {
    public static final Duration DEFAULT_HEALTH_INTERVAL = Duration.ofSeconds(10);

    private final Clock wallClock;
    private final LongSupplier nanoTime;
    private final Optional<Duration> offlineAfter;
    private final boolean brokerPresence;
    private final TreeMap<String, Entry> nodes = new TreeMap<>();
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();
    private final List<java.util.function.BiConsumer<NodeId, HealthReport>> reportListeners =
            new CopyOnWriteArrayList<>();

    private static final class Entry {
        final NodeId id;
        boolean connected;
        boolean saysOnline;
        boolean unplugged;
        /** How long health stays fresh: {@code offlineAfter}, else three announced intervals. */
        long freshForNanos;
        long freshSinceNanos;
        Instant lastSeen;
        HealthReport health;
        NodeState state = NodeState.OFFLINE;
        String address;
        String link;

        Entry(NodeId id, long freshForNanos) {
            this.id = id;
            this.freshForNanos = freshForNanos;
        }
    }

    public NodeRegistry(Clock wallClock, LongSupplier nanoTime, Optional<Duration> offlineAfter, boolean brokerPresence) {
        this.wallClock = wallClock;
        this.nanoTime = nanoTime;
        this.offlineAfter = offlineAfter;
        this.brokerPresence = brokerPresence;
    }

    /** Called after every change of a node's state, address or link (not on every report). */
    public void addListener(Runnable listener) {
        listeners.add(listener);
    }

    /** Called with every accepted health report, after the registry took it in. */
    public void addReportListener(java.util.function.BiConsumer<NodeId, HealthReport> listener) {
        reportListeners.add(listener);
    }

    public void onStatus(NodeId id, StatusMessage status) {
        boolean changed;
        synchronized (this) {
            Entry e = entry(id);
            if (!status.online() && brokerPresence && e.connected) {
                // A will or a stale retained offline for a node the broker still sees connected.
                return;
            }
            e.saysOnline = status.online();
            if (status.online()) {
                e.unplugged = false;
            }
            if (status.healthIntervalSeconds() != null && status.healthIntervalSeconds() > 0) {
                e.freshForNanos = freshFor(Duration.ofMillis(Math.round(status.healthIntervalSeconds() * 1000)));
            }
            if (status.online()) {
                e.freshSinceNanos = nanoTime.getAsLong();
                if (!brokerPresence) {
                    e.connected = true;
                }
            } else if (!brokerPresence) {
                e.connected = false;
            }
            e.lastSeen = wallClock.instant();
            changed = update(e);
        }
        notifyIf(changed);
    }

    public void onHealth(NodeId id, HealthReport report) {
        boolean changed;
        synchronized (this) {
            Entry e = entry(id);
            e.health = report;
            e.freshSinceNanos = nanoTime.getAsLong();
            e.lastSeen = wallClock.instant();
            changed = updateAddress(e) | update(e);
        }
        notifyIf(changed);
        for (java.util.function.BiConsumer<NodeId, HealthReport> l : reportListeners) {
            l.accept(id, report);
        }
    }

    /** The broker accepted the node's connection (embedded broker only). */
    public void onConnected(NodeId id) {
        change(id, e -> {
            e.connected = true;
            e.freshSinceNanos = nanoTime.getAsLong();
        });
    }

    /** The node's connection ended, cleanly or not (embedded broker only). */
    public void onDisconnected(NodeId id) {
        change(id, e -> {
            e.connected = false;
            e.saysOnline = false;
        });
    }

    /**
     * The node's link went down or away: it is offline now, not when its MQTT keepalive runs out,
     * until it announces itself again.
     */
    public void onUnplugged(NodeId id) {
        change(id, e -> e.unplugged = true);
    }

    /** Applies {@code edit} to the node's entry under the lock, then tells the listeners if it mattered. */
    private void change(NodeId id, java.util.function.Consumer<Entry> edit) {
        boolean changed;
        synchronized (this) {
            Entry e = entry(id);
            edit.accept(e);
            changed = update(e);
        }
        notifyIf(changed);
    }

    /** Re-evaluates freshness; call a few times a second. */
    public void tick() {
        boolean changed = false;
        synchronized (this) {
            for (Entry e : nodes.values()) {
                changed |= update(e);
            }
        }
        notifyIf(changed);
    }

    public synchronized List<NodeView> snapshot() {
        List<NodeView> out = new ArrayList<>(nodes.size());
        for (Entry e : nodes.values()) {
            out.add(new NodeView(e.id.value(), e.state.word(), e.address, e.link,
                    e.lastSeen == null ? null : e.lastSeen.truncatedTo(ChronoUnit.MILLIS).toString(), e.health));
        }
        return out;
    }

    public synchronized Optional<NodeView> get(NodeId id) {
        Entry e = nodes.get(id.value());
        if (e == null) {
            return Optional.empty();
        }
        return Optional.of(new NodeView(e.id.value(), e.state.word(), e.address, e.link,
                e.lastSeen == null ? null : e.lastSeen.toString(), e.health));
    }

    private Entry entry(NodeId id) {
        Entry e = nodes.get(id.value());
        if (e == null) {
            e = new Entry(id, freshFor(DEFAULT_HEALTH_INTERVAL));
            nodes.put(id.value(), e);
        }
        return e;
    }

    private long freshFor(Duration interval) {
        return offlineAfter.orElse(interval.multipliedBy(3)).toNanos();
    }

    /**
     * Recomputes the state; true when it changed. The tick calls this for every node a few times
     * a second, so it only compares numbers (at 1000 nodes it was a tenth of the master's CPU
     * while it also re-derived each address).
     */
    private boolean update(Entry e) {
        NodeState state;
        if (!e.connected || !e.saysOnline || e.unplugged) {
            state = NodeState.OFFLINE;
        } else {
            state = nanoTime.getAsLong() - e.freshSinceNanos > e.freshForNanos ? NodeState.STALE : NodeState.ONLINE;
        }
        boolean changed = state != e.state;
        e.state = state;
        return changed;
    }

    /** Address and link from the node's last report; true when either changed. */
    private static boolean updateAddress(Entry e) {
        String address = null;
        String link = null;
        if (e.health != null && e.health.links() != null) {
            HealthReport.Link chosen = null;
            for (HealthReport.Link l : e.health.links()) {
                if (Boolean.TRUE.equals(l.active()) && l.address() != null) {
                    chosen = l;
                    break;
                }
                if (chosen == null && l.address() != null && Boolean.TRUE.equals(l.up())) {
                    chosen = l;
                }
            }
            if (chosen != null) {
                String a = chosen.address();
                address = a.indexOf('/') >= 0 ? a.substring(0, a.indexOf('/')) : a;
                link = chosen.kind();
            }
        }
        boolean changed = !java.util.Objects.equals(address, e.address) || !java.util.Objects.equals(link, e.link);
        e.address = address;
        e.link = link;
        return changed;
    }

    private void notifyIf(boolean changed) {
        if (changed) {
            for (Runnable l : listeners) {
                l.run();
            }
        }
    }
}
