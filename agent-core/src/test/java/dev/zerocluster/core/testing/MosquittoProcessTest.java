package dev.zerocluster.core.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MosquittoProcessTest {
    @TempDir
    Path dir;

    @Test
    void carriesMessagesOnALoopbackPortAndStopsByPid() throws Exception {
        Path confDir = Files.createDirectories(dir.resolve("conf.d"));
        Files.writeString(confDir.resolve("open.conf"), "allow_anonymous true\n");
        long pid;
        try (MosquittoProcess broker = MosquittoProcess.startWithListener(confDir, dir.resolve("work"))) {
            pid = broker.pid();
            assertThat(roundTrip(broker)).isEqualTo("hello");
            assertThat(broker.log()).contains("Opening ipv4 listen socket on port " + broker.port());
        }
        assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive)).isNotEqualTo(Optional.of(true));
    }

    @Test
    void restartsOnTheSamePort() throws Exception {
        Path confDir = Files.createDirectories(dir.resolve("conf.d"));
        Files.writeString(confDir.resolve("open.conf"), "allow_anonymous true\n");
        try (MosquittoProcess broker = MosquittoProcess.startWithListener(confDir, dir.resolve("work"))) {
            long first = broker.pid();
            broker.restart();
            assertThat(broker.pid()).isNotEqualTo(first);
            assertThat(ProcessHandle.of(first).map(ProcessHandle::isAlive)).isNotEqualTo(Optional.of(true));
            assertThat(roundTrip(broker)).isEqualTo("hello");
            broker.reload();
            assertThat(roundTrip(broker)).isEqualTo("hello");
        }
    }

    @Test
    void aListenerBeyondLoopbackIsRefused() throws IOException {
        Path confDir = Files.createDirectories(dir.resolve("conf.d"));
        Files.writeString(confDir.resolve("zerocluster.conf"), "listener 1883\nallow_anonymous true\n");
        assertThatThrownBy(() -> MosquittoProcess.start(confDir, 1883, dir.resolve("work")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("listener 1883 127.0.0.1");
        assertThatThrownBy(() -> MosquittoProcess.startWithListener(confDir, dir.resolve("work")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("declares its own listener");
    }

    @Test
    void aFailedStartSaysWhyAndLeavesNothingRunning() throws IOException {
        Path confDir = Files.createDirectories(dir.resolve("conf.d"));
        Files.writeString(confDir.resolve("bad.conf"), "no_such_option 1\n");
        assertThatThrownBy(() -> MosquittoProcess.startWithListener(confDir, dir.resolve("work")))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("exited")
                .hasMessageContaining("no_such_option");
    }

    @Test
    void aMissingBrokerFailsNamingTheDebianPackage() throws IOException {
        Path confDir = Files.createDirectories(dir.resolve("conf.d"));
        assertThatThrownBy(() -> MosquittoProcess.launch(dir.resolve("no/mosquitto"), confDir, 1883, dir, true))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("apt-get install mosquitto");
    }

    private static String roundTrip(MosquittoProcess broker) throws MqttException, InterruptedException {
        MqttClient client = new MqttClient(broker.url(), "fixture-test", new MemoryPersistence());
        MqttConnectOptions options = new MqttConnectOptions();
        options.setCleanSession(true);
        options.setConnectionTimeout(5);
        BlockingQueue<String> received = new ArrayBlockingQueue<>(1);
        client.setTimeToWait(5000);
        try {
            client.connect(options);
            client.subscribe("fixture/#", 1, (topic, message) ->
                    received.offer(new String(message.getPayload(), StandardCharsets.UTF_8)));
            client.publish("fixture/x", "hello".getBytes(StandardCharsets.UTF_8), 1, false);
            return received.poll(5, TimeUnit.SECONDS);
        } finally {
            if (client.isConnected()) {
                client.disconnect(0);
            }
            client.close();
        }
    }
}
