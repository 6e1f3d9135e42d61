package dev.zerocluster.core.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.zerocluster.core.system.DaemonThreads;
import dev.zerocluster.core.testing.MosquittoProcess;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * Acknowledgements are taken off the in-flight list lazily, and wake the session only when it
 * waits for room in flight: a backlog far larger than the in-flight window still goes out whole
 * and in order, and nothing stays pending.
 */
class MqttSessionAckTest {
    @TempDir
    Path dir;

    /** Both transports: Paho's (the master's) and the plain socket (the node's). */
    @ParameterizedTest
    @ValueSource(strings = {"paho", "socket"})
    void aBacklogLargerThanTheInFlightWindowGoesOutInOrderAndNothingStaysPending(String transport) throws Exception {
        Path conf = Files.createDirectories(dir.resolve("conf"));
        Files.writeString(conf.resolve("open.conf"), "allow_anonymous true\n");
        try (MosquittoProcess broker = MosquittoProcess.startWithListener(conf, Files.createDirectories(dir.resolve("work")))) {
            List<String> got = new CopyOnWriteArrayList<>();
            MqttClient watcher = new MqttClient(broker.url(), "watcher", new MemoryPersistence());
            watcher.connect();
            watcher.subscribe("t/#", 1, (t, m) -> got.add(new String(m.getPayload(), StandardCharsets.UTF_8)));

            MqttSession s = new MqttSession(new MqttSession.Settings(() -> URI.create(broker.url()), "ack-test",
                    Optional.empty(), Optional.empty(), Duration.ofSeconds(5), Optional.empty(), List::of, 1000,
                    Duration.ofMillis(50), Duration.ofMillis(200), Optional.empty()),
                    DaemonThreads.singleScheduled("mqtt-ack-test"),
                    transport.equals("paho") ? new PahoTransport("ack-test") : new SocketTransport("ack-test"));
            try {
                int n = 300;
                for (int i = 0; i < n; i++) {
                    s.publish(new MqttSession.Message("t/x", ("m" + i).getBytes(StandardCharsets.UTF_8), 1, false));
                }
                s.start();
                await().atMost(Duration.ofSeconds(20)).until(() -> got.size() >= n);
                assertThat(got).hasSize(n);
                for (int i = 0; i < n; i++) {
                    assertThat(got.get(i)).isEqualTo("m" + i);
                }
                await().atMost(Duration.ofSeconds(5)).until(() -> s.pendingCount() == 0);

                // One at a time, as a node reports: each is acknowledged and none is left behind.
                for (int i = 0; i < 5; i++) {
                    s.publish(new MqttSession.Message("t/y", ("r" + i).getBytes(StandardCharsets.UTF_8), 1, false));
                    int want = n + i + 1;
                    await().atMost(Duration.ofSeconds(5)).until(() -> got.size() >= want);
                }
                await().atMost(Duration.ofSeconds(5)).until(() -> s.pendingCount() == 0);
                assertThat(s.droppedCount()).isZero();
            } finally {
                s.close();
                watcher.disconnect();
                watcher.close();
            }
        }
    }
}
