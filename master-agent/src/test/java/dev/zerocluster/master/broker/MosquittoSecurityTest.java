package dev.zerocluster.master.broker;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.zerocluster.core.model.NodeId;
import dev.zerocluster.core.mqtt.Credentials;
import dev.zerocluster.core.mqtt.Topics;
import dev.zerocluster.core.testing.MosquittoProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.eclipse.paho.client.mqttv3.IMqttMessageListener;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The generated files in Debian's Mosquitto, tried with plain Paho v3 clients as a master and as
 * nodes would use them. A v3 client is not told when Mosquitto denies a publish (it gets a normal
 * PUBACK), so every "cannot" is checked from the other side: a subscriber that may read the topic
 * receives nothing, in a wait that starts after a marker sent afterwards on the same connection has
 * arrived (Mosquitto handles one client's packets in order), and the broker logged the denial.
 */
class MosquittoSecurityTest {
    static final String TOKEN = "mosquitto-test-join-token-0123456789";
    static final String SECRET = "0a1b2c3d".repeat(8);
    static final Topics TOPICS = new Topics("lab");
    static final NodeId A = NodeId.of("zero-a");
    static final NodeId B = NodeId.of("zero-b");
    static final NodeId C = NodeId.of("zero-c");
    static final Duration DELIVERY = Duration.ofSeconds(5);
    /** How long "nothing arrives" is watched, after the marker has shown the path works. */
    static final Duration QUIET = Duration.ofMillis(1500);
    static final AtomicInteger CLIENT_SEQ = new AtomicInteger();

    @TempDir
    static Path dir;
    static Path confDir;
    static MosquittoProcess broker;

    final List<MqttClient> clients = new ArrayList<>();
    int logStart;

    @BeforeEach
    void markLog() {
        logStart = broker.log().length();
    }

    @BeforeAll
    static void startBroker() throws IOException {
        int port = MosquittoProcess.freeLoopbackPort();
        confDir = Files.createDirectories(dir.resolve("conf.d"));
        writeFiles(List.of(A, B, C), port);
        broker = MosquittoProcess.start(confDir, port, dir.resolve("work"));
    }

    @AfterAll
    static void stopBroker() {
        if (broker != null) {
            broker.close();
        }
    }

    @AfterEach
    void closeClients() {
        for (MqttClient client : clients) {
            try {
                if (client.isConnected()) {
                    client.disconnect(0);
                }
                client.close(true);
            } catch (MqttException e) {
                // Closing only frees the client; the broker forgets it with its clean session.
            }
        }
    }

    static void writeFiles(List<NodeId> nodes, int port) throws IOException {
        // Written where the broker reads them, which the snippet names: the conf.d folder itself.
        new MosquittoFiles("lab", TOKEN, SECRET, new SecureRandom())
                .writeTo(confDir, nodes, new MosquittoFiles.Listener(port, Optional.of("127.0.0.1")), confDir);
    }

    @Test
    void theMasterCommandsANodeAndReadsEverything() throws MqttException {
        Inbox master = new Inbox();
        MqttClient m = master(master, TOPICS.base() + "/#", "homeassistant/#");
        Inbox node = new Inbox();
        MqttClient a = node(A, node, TOPICS.nodeCmd(A), TOPICS.masterAll());

        publish(m, TOPICS.nodeCmd(A), "{\"id\":\"1\",\"action\":\"ping\"}", false);
        publish(m, TOPICS.masterSshKey(), "{\"key\":\"ssh-ed25519 AAAA\"}", true);
        await().atMost(DELIVERY).until(() -> node.has(TOPICS.nodeCmd(A)) && node.has(TOPICS.masterSshKey()));

        publish(a, TOPICS.nodeStatus(A), "{\"state\":\"online\"}", true);
        publish(a, TOPICS.nodeHealth(A), "{\"schema\":1}", false);
        publish(a, TOPICS.nodeCmdReply(A), "{\"id\":\"1\",\"ok\":true}", false);
        publish(m, TOPICS.cluster(), "{\"nodes\":[]}", true);
        publish(m, "homeassistant/sensor/zero-a/temp/config", "{}", true);
        await().atMost(DELIVERY).until(() -> master.has(TOPICS.nodeStatus(A)) && master.has(TOPICS.nodeHealth(A))
                && master.has(TOPICS.nodeCmdReply(A)) && master.has(TOPICS.cluster())
                && master.has("homeassistant/sensor/zero-a/temp/config"));

        // Retained messages would outlive this test in the broker: the master may delete them all.
        for (String topic : List.of(TOPICS.masterSshKey(), TOPICS.nodeStatus(A), TOPICS.cluster(),
                "homeassistant/sensor/zero-a/temp/config")) {
            m.publish(topic, new byte[0], 1, true);
        }
    }

    @Test
    void aNodeCannotPublishAsAnotherNode() throws MqttException {
        Inbox master = new Inbox();
        master(master, TOPICS.base() + "/nodes/#");
        MqttClient a = node(A, new Inbox());
        for (int qos = 0; qos <= 1; qos++) {
            a.publish(TOPICS.nodeStatus(B), "{\"state\":\"offline\"}".getBytes(UTF_8), qos, true);
            a.publish(TOPICS.nodeHealth(B), "{\"schema\":1}".getBytes(UTF_8), qos, false);
            a.publish(TOPICS.nodeCmdReply(B), "{\"ok\":true}".getBytes(UTF_8), qos, false);
        }
        String marker = markerFrom(a, A, master);

        await().during(QUIET).atMost(QUIET.plusSeconds(1)).until(() -> master.topicsBesides(marker).isEmpty());
        for (String topic : List.of(TOPICS.nodeStatus(B), TOPICS.nodeHealth(B), TOPICS.nodeCmdReply(B))) {
            assertThat(denied(A.value(), topic)).as(topic).isTrue();
        }
    }

    @Test
    void aNodeCannotPublishCommandsTheClusterOrAsTheMaster() throws MqttException {
        Inbox master = new Inbox();
        master(master, TOPICS.base() + "/#", "homeassistant/#");
        MqttClient a = node(A, new Inbox());
        List<String> forbidden = List.of(TOPICS.nodeCmd(A), TOPICS.nodeCmd(B), TOPICS.cluster(),
                TOPICS.masterStatus(), TOPICS.masterSshKey(), TOPICS.base() + "/master/other",
                "homeassistant/sensor/zero-a/temp/config", TOPICS.base());
        for (String topic : forbidden) {
            a.publish(topic, "{\"forged\":true}".getBytes(UTF_8), 1, true);
        }
        String marker = markerFrom(a, A, master);

        await().during(QUIET).atMost(QUIET.plusSeconds(1)).until(() -> master.topicsBesides(marker).isEmpty());
        for (String topic : forbidden) {
            assertThat(denied(A.value(), topic)).as(topic).isTrue();
        }
    }

    @Test
    void aNodeCannotReadAnotherNodesCommands() throws MqttException {
        MqttClient m = master(new Inbox());
        Inbox b = new Inbox();
        // Mosquitto accepts any subscription and filters what it delivers: the widest one shows it all.
        node(B, b, TOPICS.nodeCmd(A), TOPICS.base() + "/nodes/+/cmd", "#");
        publish(m, TOPICS.nodeCmd(A), "{\"id\":\"for-a\"}", false);
        publish(m, TOPICS.nodeCmd(B), "{\"id\":\"for-b\"}", false);
        await().atMost(DELIVERY).until(() -> b.has(TOPICS.nodeCmd(B)));

        await().during(QUIET).atMost(QUIET.plusSeconds(1)).until(() -> !b.has(TOPICS.nodeCmd(A)));
        assertThat(b.topicsBesides(TOPICS.nodeCmd(B))).isEmpty();
    }

    @Test
    void aWillOnAnotherNodesStatusIsNeverPublished() throws MqttException {
        Inbox master = new Inbox();
        String statuses = TOPICS.base() + "/nodes/+/status";
        MqttClient m = master(master, statuses);
        MqttClient spoofer = connect(A.value(), nodePassword(A),
                o -> o.setWill(TOPICS.nodeStatus(B), "{\"state\":\"offline\"}".getBytes(UTF_8), 1, true));
        MqttClient honest = connect(C.value(), nodePassword(C),
                o -> o.setWill(TOPICS.nodeStatus(C), "{\"state\":\"offline\"}".getBytes(UTF_8), 1, true));

        // Dropping the connection without DISCONNECT is what makes a broker send the will.
        spoofer.disconnectForcibly(0, 100, false);
        honest.disconnectForcibly(0, 100, false);
        await().atMost(DELIVERY).until(() -> master.has(TOPICS.nodeStatus(C)));
        await().during(QUIET).atMost(QUIET.plusSeconds(1)).until(() -> !master.has(TOPICS.nodeStatus(B)));

        // Nor was it retained: subscribing again brings C's retained will, and nothing for B.
        Inbox again = new Inbox();
        m.subscribe(statuses, 1, again);
        await().atMost(DELIVERY).until(() -> again.hasRetained(TOPICS.nodeStatus(C)));
        await().during(QUIET).atMost(QUIET.plusSeconds(1)).until(() -> !again.hasRetained(TOPICS.nodeStatus(B)));
        m.publish(TOPICS.nodeStatus(C), new byte[0], 1, true);
    }

    @Test
    void wrongPasswordsUnknownUsersAndAnonymousClientsAreRefused() {
        assertRefused(A.value(), Credentials.nodePassword("another-cluster-join-token", A));
        assertRefused(A.value(), nodePassword(B));
        assertRefused(Credentials.MASTER_USER, nodePassword(A));
        // A node that was never listed: its password is right, but Mosquitto does not know it.
        assertRefused("zero-unlisted", nodePassword(NodeId.of("zero-unlisted")));
        assertRefused(null, null);
    }

    @Test
    void payloadsUpToTheLimitPassSoTheMasterCanCountOversizedReports() throws MqttException {
        Inbox master = new Inbox();
        master(master, TOPICS.nodeHealth(A));
        MqttClient a = node(A, new Inbox());
        a.publish(TOPICS.nodeHealth(A), new byte[100 * 1024], 1, false);
        await().atMost(DELIVERY).until(() -> master.sizesOn(TOPICS.nodeHealth(A)).contains(100 * 1024));

        a.publish(TOPICS.nodeHealth(A), new byte[MosquittoFiles.MESSAGE_SIZE_LIMIT_BYTES + 1], 1, false);
        a.publish(TOPICS.nodeHealth(A), "after".getBytes(UTF_8), 1, false);
        // Same connection, in order: once "after" is in, the oversized one was dropped, and the
        // node is still connected.
        await().atMost(DELIVERY).until(() -> master.sizesOn(TOPICS.nodeHealth(A)).contains(5));
        assertThat(master.sizesOn(TOPICS.nodeHealth(A))).containsExactly(100 * 1024, 5);
        assertThat(a.isConnected()).isTrue();
    }

    @Test
    void aNodeAddedLaterLogsInOnceTheFilesAreRegeneratedAndMosquittoReloaded() throws Exception {
        NodeId added = NodeId.of("zero-added");
        assertRefused(added.value(), nodePassword(added));
        writeFiles(List.of(A, B, C, added), broker.port());
        broker.reload();
        await().atMost(DELIVERY).pollInterval(Duration.ofMillis(100)).ignoreExceptions()
                .until(() -> connect(added.value(), nodePassword(added), o -> { }).isConnected());
    }

    private MqttClient master(Inbox inbox, String... filters) throws MqttException {
        MqttClient client = connect(Credentials.MASTER_USER, SECRET, o -> { });
        for (String filter : filters) {
            client.subscribe(filter, 1, inbox);
        }
        return client;
    }

    private MqttClient node(NodeId id, Inbox inbox, String... filters) throws MqttException {
        MqttClient client = connect(id.value(), nodePassword(id), o -> { });
        for (String filter : filters) {
            client.subscribe(filter, 1, inbox);
        }
        return client;
    }

    private MqttClient connect(String user, String password, Consumer<MqttConnectOptions> extra)
            throws MqttException {
        MqttClient client = new MqttClient(broker.url(), "test-" + CLIENT_SEQ.incrementAndGet(), new MemoryPersistence());
        client.setTimeToWait(DELIVERY.toMillis());
        clients.add(client);
        MqttConnectOptions options = new MqttConnectOptions();
        options.setCleanSession(true);
        options.setConnectionTimeout((int) DELIVERY.toSeconds());
        options.setAutomaticReconnect(false);
        if (user != null) {
            options.setUserName(user);
        }
        if (password != null) {
            options.setPassword(password.toCharArray());
        }
        extra.accept(options);
        client.connect(options);
        return client;
    }

    private void assertRefused(String user, String password) {
        assertThatThrownBy(() -> connect(user, password, o -> { })).as("user %s", user)
                .isInstanceOfSatisfying(MqttException.class, e -> assertThat(e.getReasonCode()).isIn(
                        (int) MqttException.REASON_CODE_FAILED_AUTHENTICATION,
                        (int) MqttException.REASON_CODE_NOT_AUTHORIZED));
    }

    /** A health report the node may publish, seen by the master: the path works and is drained. */
    private static String markerFrom(MqttClient node, NodeId id, Inbox master) throws MqttException {
        String marker = TOPICS.nodeHealth(id);
        publish(node, marker, "{\"marker\":true}", false);
        await().atMost(DELIVERY).until(() -> master.has(marker));
        return marker;
    }

    /** Whether Mosquitto logged, during this test, that it refused {@code user}'s publish on {@code topic}. */
    private boolean denied(String user, String topic) {
        return broker.log().substring(logStart).lines()
                .anyMatch(l -> l.contains("Denied PUBLISH from " + user + " ") && l.contains("'" + topic + "'"));
    }

    private static void publish(MqttClient client, String topic, String payload, boolean retained)
            throws MqttException {
        client.publish(topic, payload.getBytes(UTF_8), 1, retained);
    }

    private static String nodePassword(NodeId id) {
        return Credentials.nodePassword(TOKEN, id);
    }

    /**
     * What a subscriber received. Messages published while it is subscribed count; retained ones,
     * which the broker hands over at subscription (MQTT 3.1.1 sets the flag only on those), are kept
     * apart so that another test's leftovers cannot pass for a delivery in this one.
     */
    static final class Inbox implements IMqttMessageListener {
        private record Received(String topic, int size, boolean retained) {
        }

        private final ConcurrentLinkedQueue<Received> messages = new ConcurrentLinkedQueue<>();

        @Override
        public void messageArrived(String topic, MqttMessage message) {
            messages.add(new Received(topic, message.getPayload().length, message.isRetained()));
        }

        boolean has(String topic) {
            return live().anyMatch(m -> m.topic().equals(topic));
        }

        boolean hasRetained(String topic) {
            return messages.stream().anyMatch(m -> m.retained() && m.topic().equals(topic));
        }

        List<String> topicsBesides(String topic) {
            return live().map(Received::topic).filter(t -> !t.equals(topic)).toList();
        }

        List<Integer> sizesOn(String topic) {
            return live().filter(m -> m.topic().equals(topic)).map(Received::size).toList();
        }

        private Stream<Received> live() {
            return messages.stream().filter(m -> !m.retained());
        }
    }
}
