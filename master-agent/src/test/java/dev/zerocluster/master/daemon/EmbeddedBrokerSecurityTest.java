package dev.zerocluster.master.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zerocluster.core.model.NodeId;
import dev.zerocluster.core.mqtt.Credentials;
import dev.zerocluster.core.mqtt.Topics;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * SPEC §6 against the embedded broker: who may log in, and who may publish and read what. A
 * refused publish is silent in MQTT 3.1.1, so each test proves the path works with a marker that is
 * allowed, then checks that nothing else arrived.
 */
class EmbeddedBrokerSecurityTest {
    @RegisterExtension
    final ClusterFixture cluster = new ClusterFixture();
    final Topics topics = new Topics("default");
    final NodeId a = NodeId.of("zero-aaaa0001");
    final NodeId b = NodeId.of("zero-bbbb0002");

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** Everything the observer (with the master's rights) receives under {@code <base>/}. */
    private BlockingQueue<String> watchAll() throws Exception {
        BlockingQueue<String> seen = new LinkedBlockingQueue<>();
        cluster.observer().subscribe(topics.base() + "/#", 1,
                (t, m) -> seen.add(t + " " + new String(m.getPayload(), StandardCharsets.UTF_8)));
        Thread.sleep(300);
        seen.clear();
        return seen;
    }

    /** Waits for the marker, then returns everything that arrived with it. */
    private static List<String> until(BlockingQueue<String> seen, String marker) throws InterruptedException {
        List<String> all = new java.util.ArrayList<>();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (System.nanoTime() < deadline) {
            String s = seen.poll(100, TimeUnit.MILLISECONDS);
            if (s != null) {
                all.add(s);
                if (s.contains(marker)) {
                    Thread.sleep(500);
                    seen.drainTo(all);
                    return all;
                }
            }
        }
        throw new AssertionError("the marker " + marker + " never arrived; got " + all);
    }

    @Test
    void aNodeCannotPublishAsAnother() throws Exception {
        cluster.startMaster();
        BlockingQueue<String> seen = watchAll();
        MqttClient nodeA = cluster.nodeClient(a.value());
        nodeA.publish(topics.nodeHealth(b), bytes("forged-health"), 0, false);
        nodeA.publish(topics.nodeStatus(b), bytes("forged-status"), 0, true);
        nodeA.publish(topics.nodeCmdReply(b), bytes("forged-reply"), 0, false);
        nodeA.publish(topics.nodeHealth(a), bytes("marker"), 1, false);
        List<String> got = until(seen, "marker");
        assertThat(got).noneMatch(s -> s.contains("forged"));
    }

    /**
     * The master reads node reports inside the broker, after its authorizer: a forged report never
     * reaches the registry, and an allowed one does even while the master's own MQTT client is gone.
     */
    @Test
    void theRegistryTakesOnlyAllowedReportsStraightFromTheBroker() throws Exception {
        MasterDaemon master = cluster.startMaster();
        master.session().close(java.util.Optional.empty(), java.time.Duration.ofSeconds(1));
        // QoS 0 for the forgeries: Moquette never acknowledges a refused QoS 1 publish.
        MqttClient nodeA = cluster.nodeClient(a.value());
        nodeA.publish(topics.nodeHealth(b), bytes("{\"schema\":1,\"node\":\"" + b + "\",\"seq\":7}"), 0, false);
        nodeA.publish(topics.nodeStatus(b), bytes("{\"state\":\"online\",\"node\":\"" + b + "\"}"), 0, true);
        nodeA.publish(topics.nodeHealth(a), bytes("{\"schema\":1,\"node\":\"" + a + "\",\"seq\":8}"), 1, false);
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(5)).until(() -> master.registry()
                .snapshot().stream().anyMatch(n -> n.id().equals(a.value()) && n.health() != null
                        && n.health().seq() == 8));
        assertThat(master.registry().snapshot()).noneMatch(n -> n.id().equals(b.value()));
        assertThat(master.badInput().snapshot().values().stream().mapToLong(Number::longValue).sum()).isZero();
    }

    @Test
    void aNodeCannotPublishCommandsClusterOrMasterTopics() throws Exception {
        cluster.startMaster();
        BlockingQueue<String> seen = watchAll();
        MqttClient nodeA = cluster.nodeClient(a.value());
        nodeA.publish(topics.nodeCmd(a), bytes("forged-own-cmd"), 0, false);
        nodeA.publish(topics.nodeCmd(b), bytes("forged-cmd"), 0, false);
        nodeA.publish(topics.cluster(), bytes("forged-cluster"), 0, false);
        nodeA.publish(topics.masterStatus(), bytes("forged-master"), 0, false);
        nodeA.publish("homeassistant/sensor/x/config", bytes("forged-ha"), 0, false);
        nodeA.publish(topics.nodeHealth(a), bytes("marker"), 1, false);
        assertThat(until(seen, "marker")).noneMatch(s -> s.contains("forged"));
    }

    @Test
    void aNodeReadsItsOwnCommandsAndTheMastersTopicsOnly() throws Exception {
        cluster.startMaster();
        MqttClient nodeA = cluster.nodeClient(a.value());
        BlockingQueue<String> got = new LinkedBlockingQueue<>();
        nodeA.subscribe(new String[] {topics.nodeCmd(a), topics.nodeCmd(b), topics.masterAll(), topics.base() + "/nodes/#"},
                new int[] {1, 1, 1, 1}, new org.eclipse.paho.client.mqttv3.IMqttMessageListener[] {
                    (t, m) -> got.add(t), (t, m) -> got.add(t), (t, m) -> got.add(t), (t, m) -> got.add(t)});
        MqttClient master = cluster.observer();
        master.publish(topics.nodeCmd(b), bytes("{}"), 1, false);
        master.publish(topics.nodeHealth(b), bytes("{}"), 1, false);
        master.publish(topics.nodeCmd(a), bytes("{}"), 1, false);
        List<String> topicsSeen = new java.util.ArrayList<>();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (System.nanoTime() < deadline && !topicsSeen.contains(topics.nodeCmd(a))) {
            String t = got.poll(100, TimeUnit.MILLISECONDS);
            if (t != null) {
                topicsSeen.add(t);
            }
        }
        Thread.sleep(300);
        got.drainTo(topicsSeen);
        assertThat(topicsSeen).contains(topics.nodeCmd(a)).contains(topics.masterStatus())
                .doesNotContain(topics.nodeCmd(b), topics.nodeHealth(b));
    }

    @Test
    void wrongPasswordsUnknownUsersAndHijackedIdsAreRefused() throws Exception {
        cluster.startMaster();
        assertRefused(() -> cluster.client(a.value(), "not-the-password"));
        assertRefused(() -> cluster.client(a.value(), Credentials.nodePassword("another-token-000000000", a)));
        assertRefused(() -> cluster.client(b.value(), Credentials.nodePassword(ClusterFixture.TOKEN, a)));
        assertRefused(() -> cluster.client("Not_A_Node", "x"));
        assertRefused(() -> cluster.client(a.value(), null));
        // The right password, but presented with another node's client id.
        assertRefused(() -> cluster.client(b.value(), a.value(), Credentials.nodePassword(ClusterFixture.TOKEN, a)));
        assertRefused(() -> cluster.client("m2", Credentials.MASTER_USER, "wrong"));
        // Anonymous: no user name at all.
        assertRefused(() -> {
            MqttClient c = new MqttClient(cluster.brokerUrl(), "anon", new org.eclipse.paho.client.mqttv3.persist.MemoryPersistence());
            try {
                c.connect();
            } finally {
                c.close();
            }
            return c;
        });
        assertThat(cluster.nodeClient(a.value()).isConnected()).isTrue();
    }

    @Test
    void withoutATokenNodesAreRefusedUnlessAnonymousIsAllowed() throws Exception {
        Files.delete(cluster.tokenFile());
        cluster.startMaster();
        assertRefused(() -> cluster.client(a.value(), null));
        cluster.close();

        Path openDir = Files.createDirectories(cluster.dir().resolve("open"));
        ClusterFixture open = new ClusterFixture(openDir);
        cluster.track(open);
        Files.delete(open.tokenFile());
        open.startMaster("mqtt.allow-anonymous=true");
        MqttClient node = open.client(a.value(), null);
        assertThat(node.isConnected()).isTrue();
    }

    interface Connect {
        MqttClient connect() throws Exception;
    }

    private static void assertRefused(Connect c) {
        assertThatThrownBy(c::connect).isInstanceOf(MqttException.class)
                .satisfies(e -> assertThat(((MqttException) e).getReasonCode()).isIn(
                        (int) MqttException.REASON_CODE_FAILED_AUTHENTICATION,
                        (int) MqttException.REASON_CODE_NOT_AUTHORIZED,
                        (int) MqttException.REASON_CODE_INVALID_CLIENT_ID,
                        (int) MqttException.REASON_CODE_CONNECTION_LOST));
    }
}
