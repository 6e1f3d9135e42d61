package dev.zerocluster.master.registry;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zerocluster.core.model.HealthReport;
import dev.zerocluster.core.model.NodeId;
import dev.zerocluster.core.model.StatusMessage;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The registry's state machine on a hand-driven monotonic clock. */
class NodeRegistryTest {
    final AtomicLong nanos = new AtomicLong(1_000_000_000L);
    final Clock wall = Clock.fixed(Instant.parse("2026-11-26T18:00:00Z"), ZoneOffset.UTC);
    final NodeId id = NodeId.of("zero-00000001");

    static StatusMessage status(String state, Double interval) {
        return new StatusMessage(state, "zero-00000001", "2026-11-26T18:00:00Z", "startup", "test", "boot", interval);
    }

    static HealthReport health(long seq, String address, boolean active) {
        return new HealthReport(1, NodeId.of("zero-00000001"), "2026-11-26T18:00:00Z", seq, null, null, null, null,
                null, null, null, null, null, null, null, null,
                List.of(new HealthReport.Link("usb0", "usb", true, active, address, 0L, 0L, 0L, 0L)), null);
    }

    private void advance(Duration d) {
        nanos.addAndGet(d.toNanos());
    }

    private String state(NodeRegistry r) {
        return r.get(id).map(NodeView::state).orElse("absent");
    }

    @Test
    void withBrokerPresenceOnlineNeedsTheConnectionAndTheBirth() {
        NodeRegistry r = new NodeRegistry(wall, nanos::get, Optional.empty(), true);
        r.onStatus(id, status("online", 1.0));
        assertThat(state(r)).isEqualTo("offline");
        r.onConnected(id);
        assertThat(state(r)).isEqualTo("online");
        r.onDisconnected(id);
        assertThat(state(r)).isEqualTo("offline");
    }

    @Test
    void withBrokerPresenceAnOfflineForAConnectedNodeIsIgnored() {
        NodeRegistry r = new NodeRegistry(wall, nanos::get, Optional.empty(), true);
        r.onConnected(id);
        r.onStatus(id, status("online", 1.0));
        r.onStatus(id, status("offline", null));
        assertThat(state(r)).as("a will spoken by someone else").isEqualTo("online");
    }

    @Test
    void withoutBrokerPresenceTheStatusDecides() {
        NodeRegistry r = new NodeRegistry(wall, nanos::get, Optional.empty(), false);
        r.onStatus(id, status("online", 1.0));
        assertThat(state(r)).isEqualTo("online");
        r.onStatus(id, status("offline", null));
        assertThat(state(r)).isEqualTo("offline");
    }

    @Test
    void staleAfterThreeIntervalsWithoutHealthAndBackWithTheNextReport() {
        NodeRegistry r = new NodeRegistry(wall, nanos::get, Optional.empty(), false);
        r.onStatus(id, status("online", 2.0));
        r.onHealth(id, health(1, "10.42.0.17/24", true));
        advance(Duration.ofMillis(5900));
        r.tick();
        assertThat(state(r)).isEqualTo("online");
        advance(Duration.ofMillis(200));
        r.tick();
        assertThat(state(r)).isEqualTo("stale");
        r.onHealth(id, health(2, "10.42.0.17/24", true));
        assertThat(state(r)).isEqualTo("online");
    }

    @Test
    void theConfiguredOfflineAfterWins() {
        NodeRegistry r = new NodeRegistry(wall, nanos::get, Optional.of(Duration.ofSeconds(1)), false);
        r.onStatus(id, status("online", 10.0));
        advance(Duration.ofMillis(1100));
        r.tick();
        assertThat(state(r)).isEqualTo("stale");
    }

    @Test
    void addressAndLinkComeFromTheActiveLink() {
        NodeRegistry r = new NodeRegistry(wall, nanos::get, Optional.empty(), false);
        r.onStatus(id, status("online", 1.0));
        r.onHealth(id, health(1, "10.42.0.17/24", true));
        NodeView v = r.get(id).orElseThrow();
        assertThat(v.address()).isEqualTo("10.42.0.17");
        assertThat(v.link()).isEqualTo("usb");
        assertThat(v.lastSeen()).isEqualTo("2026-11-26T18:00:00Z");
    }

    @Test
    void listenersHearChangesNotEveryReport() {
        NodeRegistry r = new NodeRegistry(wall, nanos::get, Optional.empty(), false);
        AtomicInteger changes = new AtomicInteger();
        AtomicInteger reports = new AtomicInteger();
        r.addListener(changes::incrementAndGet);
        r.addReportListener((n, h) -> reports.incrementAndGet());
        r.onStatus(id, status("online", 1.0));
        r.onHealth(id, health(1, "10.42.0.17/24", true));
        r.onHealth(id, health(2, "10.42.0.17/24", true));
        r.onHealth(id, health(3, "10.42.0.17/24", true));
        assertThat(changes.get()).as("online, then the address").isEqualTo(2);
        assertThat(reports.get()).isEqualTo(3);
    }
}
