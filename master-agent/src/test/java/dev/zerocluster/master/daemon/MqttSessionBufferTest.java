package dev.zerocluster.master.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.zerocluster.core.mqtt.MqttSession;
import dev.zerocluster.core.system.DaemonThreads;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledExecutorService;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The session's bounded buffer against a real (embedded) broker that is not there at first. */
class MqttSessionBufferTest {
    @RegisterExtension
    final ClusterFixture cluster = new ClusterFixture();

    /** The backlog waits for a "ready" from the watcher, so it cannot be flushed before anyone listens. */
    private MqttSession session(int capacity) throws Exception {
        return session(capacity, DaemonThreads.singleScheduled("buffer-test"));
    }

    private MqttSession session(int capacity, ScheduledExecutorService loop) throws Exception {
        String secret = cluster.masterSecret();
        MqttSession s = new MqttSession(new MqttSession.Settings(() -> URI.create(cluster.brokerUrl()), "buffer-test",
                Optional.of(dev.zerocluster.core.mqtt.Credentials.MASTER_USER), Optional.of(secret),
                Duration.ofSeconds(5), Optional.empty(), List::of, capacity, Duration.ofMillis(50),
                Duration.ofMillis(200), Optional.of(new MqttSession.Gate("zerocluster/default/ready",
                        payload -> payload.length > 0, Duration.ofSeconds(30)))), loop);
        cluster.track(s);
        return s;
    }

    @Test
    void whileDisconnectedTheOldestAreDroppedAndCountedAndTheRestArriveInOrder() throws Exception {
        MqttSession s = session(5);
        s.start();
        for (int i = 0; i < 8; i++) {
            s.publish(new MqttSession.Message("zerocluster/default/test", ("m" + i).getBytes(StandardCharsets.UTF_8),
                    1, false));
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> s.droppedCount() == 3);
        assertThat(s.pendingCount()).isEqualTo(5);

        // The broker appears (a master with its embedded broker); a subscriber is there before it.
        cluster.startMaster();
        List<String> got = new CopyOnWriteArrayList<>();
        MqttClient watcher = cluster.client("watch", dev.zerocluster.core.mqtt.Credentials.MASTER_USER,
                cluster.masterSecret());
        watcher.subscribe("zerocluster/default/test", 1, (t, m) -> got.add(new String(m.getPayload(), StandardCharsets.UTF_8)));
        await().atMost(Duration.ofSeconds(5)).until(s::isConnected);
        Thread.sleep(300);
        assertThat(got).as("held by the gate").isEmpty();
        watcher.publish("zerocluster/default/ready", "yes".getBytes(StandardCharsets.UTF_8), 1, true);
        await().atMost(Duration.ofSeconds(10)).until(() -> got.size() >= 5);
        assertThat(got).containsExactly("m3", "m4", "m5", "m6", "m7");
        assertThat(s.pendingCount()).isZero();
    }

    /**
     * A publish made on the session's own loop (a node's report) is sent at once instead of as a
     * task of its own; buffered or not, it keeps its place among publishes from other threads.
     */
    @Test
    void publishesOnTheLoopAndOffItKeepTheOrderTheyWereMadeIn() throws Exception {
        ScheduledExecutorService loop = DaemonThreads.singleScheduled("buffer-test");
        MqttSession s = session(100, loop);
        s.start();
        for (int i = 0; i < 20; i++) {
            MqttSession.Message m = new MqttSession.Message("zerocluster/default/test",
                    ("m" + i).getBytes(StandardCharsets.UTF_8), 1, false);
            if (i % 2 == 0) {
                loop.submit(() -> s.publish(m)).get();
            } else {
                s.publish(m);
            }
            if (i == 9) {
                // Half of them made while there is no broker (buffered), half once connected.
                cluster.startMaster();
                await().atMost(Duration.ofSeconds(5)).until(s::isConnected);
            }
        }
        List<String> got = new CopyOnWriteArrayList<>();
        MqttClient watcher = cluster.client("watch", dev.zerocluster.core.mqtt.Credentials.MASTER_USER,
                cluster.masterSecret());
        watcher.subscribe("zerocluster/default/test", 1, (t, m) -> got.add(new String(m.getPayload(), StandardCharsets.UTF_8)));
        watcher.publish("zerocluster/default/ready", "yes".getBytes(StandardCharsets.UTF_8), 1, true);
        await().atMost(Duration.ofSeconds(10)).until(() -> got.size() >= 20);
        assertThat(got).containsExactly("m0", "m1", "m2", "m3", "m4", "m5", "m6", "m7", "m8", "m9", "m10", "m11",
                "m12", "m13", "m14", "m15", "m16", "m17", "m18", "m19");
    }

    @Test
    void aFirstConnectThatFailsIsRetried() throws Exception {
        MqttSession s = session(10);
        s.start();
        Thread.sleep(600);
        assertThat(s.isConnected()).isFalse();
        cluster.startMaster();
        await().atMost(Duration.ofSeconds(5)).until(s::isConnected);
    }
}
