package dev.zerocluster.testbed.loadgen;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.zerocluster.core.model.Json;
import dev.zerocluster.core.model.NodeId;
import dev.zerocluster.core.mqtt.Credentials;
import dev.zerocluster.core.mqtt.Topics;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The event loop against a scripted peer on loopback that speaks just enough MQTT to answer it
 * (CONNACK with a chosen return code, PUBACK for every QoS 1 PUBLISH) and records what arrived.
 */
@Timeout(value = 20, unit = TimeUnit.SECONDS)
class EventLoopTest {
    private static final String TOKEN = "0123456789abcdef0123";
    private final Topics topics = new Topics("bench");
    private ScriptedPeer peer;
    private Thread loopThread;
    private EventLoop loop;

    @AfterEach
    void stop() throws Exception {
        if (loop != null) {
            loop.stop();
            loopThread.join(5_000);
        }
        if (peer != null) {
            peer.close();
        }
    }

    @Test
    void eachNodeLogsInSaysOnlineThenReportsAtItsInterval() throws Exception {
        peer = new ScriptedPeer(0);
        Counters counters = run(3, Duration.ofMillis(200));

        awaitUntil(() -> counters.healthPublishes.sum() >= 12 && counters.acks.sum() == published(counters));

        assertThat(counters.connects.sum()).isEqualTo(3);
        assertThat(counters.failureCount()).isZero();
        for (int i = 0; i < 3; i++) {
            NodeId id = NodeId.of(String.format("sim-%05d", i));
            assertThat(peer.logins).containsEntry(id.value(), Credentials.nodePassword(TOKEN, id));
            List<Publish> mine = peer.from(id.value());
            Publish first = mine.get(0);
            assertThat(first.topic).isEqualTo(topics.nodeStatus(id));
            assertThat(first.retain).isTrue();
            JsonNode status = Json.mapper().readTree(first.payload);
            assertThat(status.get("state").asText()).isEqualTo("online");
            assertThat(status.get("healthIntervalSeconds").asDouble()).isEqualTo(0.2);
            assertThat(mine.size()).isGreaterThanOrEqualTo(3);
            for (Publish p : mine.subList(1, mine.size())) {
                assertThat(p.topic).isEqualTo(topics.nodeHealth(id));
                assertThat(p.retain).isFalse();
                JsonNode report = Json.mapper().readTree(p.payload);
                assertThat(report.get("node").asText()).isEqualTo(id.value());
                assertThat(report.get("ts").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
            }
            List<Integer> ids = new ArrayList<>();
            mine.forEach(p -> ids.add(p.packetId));
            assertThat(ids).doesNotHaveDuplicates().doesNotContain(0);
        }
    }

    @Test
    void aRefusedLoginIsCountedAndPublishesNothing() throws Exception {
        peer = new ScriptedPeer(5);
        Counters counters = run(2, Duration.ofMillis(200));

        awaitUntil(() -> counters.failureCount() >= 2);

        assertThat(counters.failuresByKind()).containsKey("refused-5");
        assertThat(counters.connects.sum()).isZero();
        assertThat(peer.publishes).isEmpty();
    }

    private Counters run(int nodes, Duration interval) throws IOException {
        LoadSettings settings = new LoadSettings(new InetSocketAddress(InetAddress.getLoopbackAddress(), peer.port()),
                nodes, interval, Duration.ofMillis(50), Duration.ofSeconds(10), Duration.ofSeconds(5),
                Duration.ofSeconds(30));
        List<SimulatedNode> list = new ArrayList<>();
        for (int i = 0; i < nodes; i++) {
            NodeId id = NodeId.of(String.format("sim-%05d", i));
            list.add(new SimulatedNode(i, id, Credentials.nodePassword(TOKEN, id), topics.nodeStatus(id),
                    topics.nodeHealth(id)));
        }
        Counters counters = new Counters();
        loop = new EventLoop(list, settings, counters, System::nanoTime, Clock.systemUTC(), System.nanoTime());
        loopThread = new Thread(loop, "loadgen-test");
        loopThread.start();
        return counters;
    }

    private static long published(Counters c) {
        return c.healthPublishes.sum() + c.statusPublishes.sum();
    }

    private static void awaitUntil(java.util.function.BooleanSupplier condition) {
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20))
                .until(condition::getAsBoolean);
    }

    private record Publish(String client, String topic, boolean retain, int packetId, byte[] payload) {
    }

    /** One thread per connection; answers CONNECT with {@code connackCode} and acknowledges every QoS 1 PUBLISH. */
    private static final class ScriptedPeer implements AutoCloseable {
        final Map<String, String> logins = new ConcurrentHashMap<>();
        final List<Publish> publishes = new CopyOnWriteArrayList<>();
        private final ServerSocket server;
        private final List<Socket> sockets = new CopyOnWriteArrayList<>();
        private final int connackCode;

        ScriptedPeer(int connackCode) throws IOException {
            this.connackCode = connackCode;
            this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            Thread acceptor = new Thread(this::accept, "peer-accept");
            acceptor.setDaemon(true);
            acceptor.start();
        }

        int port() {
            return server.getLocalPort();
        }

        List<Publish> from(String client) {
            return publishes.stream().filter(p -> p.client.equals(client)).toList();
        }

        private void accept() {
            try {
                while (true) {
                    Socket s = server.accept();
                    sockets.add(s);
                    Thread t = new Thread(() -> serve(s), "peer-conn");
                    t.setDaemon(true);
                    t.start();
                }
            } catch (IOException e) {
                // Closed by the test.
            }
        }

        private void serve(Socket s) {
            String client = null;
            try (s) {
                DataInputStream in = new DataInputStream(s.getInputStream());
                OutputStream out = s.getOutputStream();
                while (true) {
                    int header = in.readUnsignedByte();
                    byte[] body = new byte[remainingLength(in)];
                    in.readFully(body);
                    DataInputStream b = new DataInputStream(new java.io.ByteArrayInputStream(body));
                    switch (header >>> 4) {
                        case MqttPackets.CONNECT -> {
                            b.skipBytes(10);
                            client = field(b);
                            String user = field(b);
                            logins.put(user, field(b));
                            out.write(new byte[] {0x20, 2, 0, (byte) connackCode});
                        }
                        case MqttPackets.PUBLISH -> {
                            String topic = field(b);
                            int id = b.readUnsignedShort();
                            publishes.add(new Publish(client, topic, (header & 1) == 1, id, b.readAllBytes()));
                            out.write(new byte[] {0x40, 2, (byte) (id >>> 8), (byte) id});
                        }
                        case MqttPackets.PINGREQ -> out.write(new byte[] {(byte) 0xD0, 0});
                        default -> { }
                    }
                }
            } catch (EOFException e) {
                // The client closed the connection.
            } catch (IOException e) {
                // Closed by the test.
            }
        }

        private static int remainingLength(DataInputStream in) throws IOException {
            int value = 0;
            for (int i = 0; i < 4; i++) {
                int b = in.readUnsignedByte();
                value |= (b & 0x7F) << (7 * i);
                if ((b & 0x80) == 0) {
                    return value;
                }
            }
            throw new IOException("bad remaining length");
        }

        private static String field(DataInputStream in) throws IOException {
            byte[] bytes = new byte[in.readUnsignedShort()];
            in.readFully(bytes);
            return new String(bytes, StandardCharsets.UTF_8);
        }

        @Override
        public void close() throws IOException {
            server.close();
            for (Socket s : sockets) {
                s.close();
            }
        }
    }
}
