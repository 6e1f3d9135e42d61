package dev.zerocluster.core.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.zerocluster.core.testing.MosquittoProcess;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The node's own MQTT client against Debian's Mosquitto (and, for a broker that goes silent, a
 * socket that answers the CONNECT and then nothing).
 */
class SocketTransportTest {
    @TempDir
    Path dir;
    private final List<AutoCloseable> open = new CopyOnWriteArrayList<>();

    @AfterEach
    void closeAll() {
        for (int i = open.size() - 1; i >= 0; i--) {
            try {
                open.get(i).close();
            } catch (Exception e) {
                // Best effort: the rest must still close.
            }
        }
    }

    @Test
    void aDroppedConnectionLeavesItsWillAndAGracefulOneDoesNot() throws Exception {
        MosquittoProcess broker = broker("allow_anonymous true\n");
        BlockingQueue<String> seen = watch(broker, "w/#");

        SocketTransport dropped = new SocketTransport("dropped");
        connect(dropped, broker, "dropped", Duration.ofSeconds(10), new Recorder());
        dropped.drop();
        assertThat(seen.poll(5, TimeUnit.SECONDS)).isEqualTo("w/dropped gone");

        SocketTransport graceful = new SocketTransport("graceful");
        connect(graceful, broker, "graceful", Duration.ofSeconds(10), new Recorder());
        graceful.disconnect(Duration.ofSeconds(1));
        graceful.close();
        assertThat(seen.poll(1500, TimeUnit.MILLISECONDS)).as("no will after a DISCONNECT").isNull();
    }

    @Test
    void publishesAreAcknowledgedAndSubscriptionsDeliverQos1InOrder() throws Exception {
        // One QoS 1 message in flight to each client: the next comes only after our PUBACK.
        MosquittoProcess broker = broker("allow_anonymous true\nmax_inflight_messages 1\n");
        Recorder events = new Recorder();
        SocketTransport t = new SocketTransport("sub");
        connect(t, broker, "sub", Duration.ofSeconds(10), events);
        CompletableFuture<Void> subscribed = new CompletableFuture<>();
        t.subscribe(new String[] {"in/#"}, new int[] {1}, outcome(subscribed));
        subscribed.get(5, TimeUnit.SECONDS);

        MqttClient sender = paho(broker, "sender");
        for (int i = 0; i < 5; i++) {
            sender.publish("in/x", ("m" + i).getBytes(StandardCharsets.UTF_8), 1, false);
        }
        // The first within the loop's second; each next one, held by the broker until our PUBACK,
        // within the 20 ms of the look after a message.
        await().atMost(Duration.ofSeconds(3)).until(() -> events.arrived.size() == 5);
        assertThat(events.arrived).containsExactly("in/x m0", "in/x m1", "in/x m2", "in/x m3", "in/x m4");
        assertThat(events.threads).as("read by the transport's loop, with no thread of its own for it")
                .containsOnly("mqtt-sub");

        BlockingQueue<String> seen = watch(broker, "out/#");
        CompletableFuture<Void> acked = new CompletableFuture<>();
        t.publish(new MqttSession.Message("out/y", "r".getBytes(StandardCharsets.UTF_8), 1, false), outcome(acked));
        acked.get(5, TimeUnit.SECONDS);
        assertThat(seen.poll(5, TimeUnit.SECONDS)).isEqualTo("out/y r");
        assertThat(events.lost).isEmpty();
    }

    @Test
    void aRefusedLoginFailsTheConnectWithTheBrokersReason() throws Exception {
        MosquittoProcess broker = broker("allow_anonymous false\n");
        SocketTransport t = track(new SocketTransport("nobody"));
        CompletableFuture<Void> connected = new CompletableFuture<>();
        t.connect(new MqttTransport.Connect(URI.create(broker.url()), "nobody", Optional.empty(), Optional.empty(),
                Duration.ofSeconds(10), Optional.empty()), new Recorder(), outcome(connected));

        assertThat(connected).failsWithin(Duration.ofSeconds(5)).withThrowableThat()
                .withMessageContaining("refused: not authorized");
        assertThat(t.isConnected()).isFalse();
    }

    @Test
    void pingsKeepAnIdleConnectionOpenPastTheBrokersDeadline() throws Exception {
        MosquittoProcess broker = broker("allow_anonymous true\n");
        BlockingQueue<String> seen = watch(broker, "w/#");
        Recorder events = new Recorder();
        SocketTransport t = new SocketTransport("idle");
        connect(t, broker, "idle", Duration.ofSeconds(2), events);

        // Mosquitto closes a client silent for 1.5 keepalives and publishes its will: three and a
        // half keepalives, each PINGREQ with a second to spare.
        Thread.sleep(7_000);
        assertThat(events.lost).isEmpty();
        assertThat(t.isConnected()).isTrue();
        assertThat(seen.poll(100, TimeUnit.MILLISECONDS)).isNull();
    }

    @Test
    void aBrokerThatStopsAnsweringIsFoundWithinThreeKeepalives() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            silentBroker(server, true);
            Recorder events = new Recorder();
            CompletableFuture<Void> connected = new CompletableFuture<>();
            long start = System.nanoTime();
            SocketTransport t = connectTo(server, events, connected);
            connected.get(5, TimeUnit.SECONDS);

            await().atMost(Duration.ofSeconds(5)).until(() -> !events.lost.isEmpty());
            long tookMs = (System.nanoTime() - start) / 1_000_000;
            assertThat(events.lost.get(0)).contains("no answer from the broker");
            // A PINGREQ after a quiet keepalive, lost a keepalive after that.
            assertThat(tookMs).isBetween(1_900L, 3_600L);
            assertThat(t.isConnected()).isFalse();
        }
    }

    @Test
    void aBrokerThatNeverSendsItsConnackFailsTheConnectWithinTheBound() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            silentBroker(server, false);
            Recorder events = new Recorder();
            CompletableFuture<Void> connected = new CompletableFuture<>();
            long start = System.nanoTime();
            SocketTransport t = connectTo(server, events, connected);
            assertThatThrownBy(() -> connected.get(10, TimeUnit.SECONDS))
                    .hasCauseInstanceOf(IOException.class)
                    .cause().hasMessage("no CONNACK within 5 s");
            long tookMs = (System.nanoTime() - start) / 1_000_000;
            assertThat(tookMs).isBetween(4_900L, 7_000L);
            assertThat(events.lost).as("a connect that failed is not a lost connection").isEmpty();
            assertThat(t.isConnected()).isFalse();
        }
    }

    /**
     * A broker at {@code server} that takes one client's CONNECT, answers it with a CONNACK if
     * {@code acceptConnect}, and then takes whatever comes (PINGREQs) and answers nothing.
     */
    private static void silentBroker(ServerSocket server, boolean acceptConnect) {
        Thread fake = new Thread(() -> {
            try (Socket s = server.accept()) {
                InputStream in = s.getInputStream();
                MqttCodec.Packet connect = MqttCodec.read(in, 1024);
                assertThat(connect.type()).isEqualTo(MqttCodec.CONNECT);
                if (acceptConnect) {
                    OutputStream out = s.getOutputStream();
                    out.write(new byte[] {0x20, 2, 0, 0});
                }
                while (in.read() >= 0) {
                    continue;
                }
            } catch (IOException e) {
                // The client closed.
            }
        }, "silent-broker");
        fake.setDaemon(true);
        fake.start();
    }

    /** A client "c" with a keepalive of 1 s, connecting to {@code server}. */
    private SocketTransport connectTo(ServerSocket server, Recorder events, CompletableFuture<Void> connected)
            throws IOException {
        SocketTransport t = track(new SocketTransport("c"));
        t.connect(new MqttTransport.Connect(URI.create("tcp://127.0.0.1:" + server.getLocalPort()), "c",
                Optional.empty(), Optional.empty(), Duration.ofSeconds(1), Optional.empty()), events,
                outcome(connected));
        return t;
    }

    @Test
    void aMessageLargerThanTheClientTakesEndsTheConnectionWithTheReason() throws Exception {
        MosquittoProcess broker = broker("allow_anonymous true\n");
        Recorder events = new Recorder();
        SocketTransport t = new SocketTransport("small", 1024);
        connect(t, broker, "small", Duration.ofSeconds(10), events);
        CompletableFuture<Void> subscribed = new CompletableFuture<>();
        t.subscribe(new String[] {"big"}, new int[] {1}, outcome(subscribed));
        subscribed.get(5, TimeUnit.SECONDS);

        paho(broker, "sender").publish("big", new byte[4096], 1, false);
        await().atMost(Duration.ofSeconds(5)).until(() -> !events.lost.isEmpty());
        assertThat(events.lost.get(0)).contains("more than the 1024 this client takes");
        assertThat(events.arrived).isEmpty();
    }

    /** Records what the transport reports. */
    static final class Recorder implements MqttTransport.Events {
        final List<String> arrived = new CopyOnWriteArrayList<>();
        final List<String> lost = new CopyOnWriteArrayList<>();
        final Set<String> threads = ConcurrentHashMap.newKeySet();

        @Override
        public void lost(Throwable cause) {
            lost.add(String.valueOf(cause.getMessage()));
        }

        @Override
        public void arrived(String topic, byte[] payload) {
            arrived.add(topic + " " + new String(payload, StandardCharsets.UTF_8));
            threads.add(Thread.currentThread().getName());
        }
    }

    private MosquittoProcess broker(String conf) throws IOException {
        Path confDir = Files.createDirectories(dir.resolve("conf"));
        Files.writeString(confDir.resolve("test.conf"), conf);
        return track(MosquittoProcess.startWithListener(confDir, Files.createDirectories(dir.resolve("work"))));
    }

    /** Connects with the will {@code w/<id> gone}, waiting for the CONNACK. */
    private void connect(SocketTransport t, MosquittoProcess broker, String id, Duration keepalive, Recorder events)
            throws Exception {
        track(t);
        CompletableFuture<Void> connected = new CompletableFuture<>();
        t.connect(new MqttTransport.Connect(URI.create(broker.url()), id, Optional.empty(), Optional.empty(), keepalive,
                Optional.of(new MqttSession.Message("w/" + id, "gone".getBytes(StandardCharsets.UTF_8), 1, false))),
                events, outcome(connected));
        connected.get(5, TimeUnit.SECONDS);
        assertThat(t.isConnected()).isTrue();
    }

    private BlockingQueue<String> watch(MosquittoProcess broker, String filter) throws Exception {
        BlockingQueue<String> seen = new LinkedBlockingQueue<>();
        paho(broker, "watcher-" + filter.hashCode()).subscribe(filter, 1,
                (topic, m) -> seen.add(topic + " " + new String(m.getPayload(), StandardCharsets.UTF_8)));
        return seen;
    }

    private MqttClient paho(MosquittoProcess broker, String id) throws Exception {
        MqttClient c = new MqttClient(broker.url(), id, new MemoryPersistence());
        MqttConnectOptions o = new MqttConnectOptions();
        o.setCleanSession(true);
        o.setConnectionTimeout(5);
        c.setTimeToWait(5000);
        c.connect(o);
        track(() -> {
            c.disconnectForcibly(100, 100);
            c.close();
        });
        return c;
    }

    private <T extends AutoCloseable> T track(T c) {
        open.add(c);
        return c;
    }

    private SocketTransport track(SocketTransport t) {
        open.add(t::close);
        return t;
    }

    private static MqttTransport.Outcome outcome(CompletableFuture<Void> f) {
        return new MqttTransport.Outcome() {
            @Override
            public void succeeded() {
                f.complete(null);
            }

            @Override
            public void failed(Throwable cause) {
                f.completeExceptionally(cause);
            }
        };
    }
}
