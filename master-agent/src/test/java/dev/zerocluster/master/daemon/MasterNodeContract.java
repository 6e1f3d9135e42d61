package dev.zerocluster.master.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.zerocluster.core.model.Json;
import dev.zerocluster.core.model.NodeId;
import dev.zerocluster.core.mqtt.Topics;
import dev.zerocluster.master.registry.BadInput;
import dev.zerocluster.master.registry.NodeView;
import dev.zerocluster.node.daemon.NodeDaemon;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A master and real nodes on loopback (issue 3, item 6), once per broker: the subclasses say how
 * the broker is started, restarted and watched.
 */
abstract class MasterNodeContract {
    @RegisterExtension
    final ClusterFixture cluster = new ClusterFixture();
    final Topics topics = new Topics("default");

    @BeforeEach
    void setUp() throws Exception {
        startBroker();
    }

    /** Starts the broker if it is not the master's own. */
    abstract void startBroker() throws Exception;

    abstract MasterDaemon startMaster() throws Exception;

    abstract void stopBroker(MasterDaemon master) throws Exception;

    abstract void restartBroker(MasterDaemon master) throws Exception;

    /** A client that may read every topic of the cluster, besides the master. */
    abstract MqttClient observer(String clientId) throws Exception;

    private static NodeView node(MasterDaemon master, String id) {
        return master.registry().get(NodeId.of(id)).orElse(null);
    }

    @Test
    void healthReachesTheRegistryAndApiNodes() throws Exception {
        MasterDaemon master = startMaster();
        cluster.startNode("zero-a1", "500ms");
        await().atMost(Duration.ofSeconds(10)).until(() -> node(master, "zero-a1") != null
                && "online".equals(node(master, "zero-a1").state()) && node(master, "zero-a1").health() != null);

        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + cluster.httpPort() + "/api/nodes")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode nodes = Json.mapper().readTree(r.body());
        assertThat(nodes).hasSize(1);
        JsonNode n = nodes.get(0);
        assertThat(n.get("id").asText()).isEqualTo("zero-a1");
        assertThat(n.get("state").asText()).isEqualTo("online");
        assertThat(n.get("lastSeen").asText()).isNotEmpty();
        assertThat(n.get("health").get("cpuTempC").asDouble()).isEqualTo(48.312);
        assertThat(n.get("health").get("throttled").get("raw").asInt()).isEqualTo(0x50005);
        // The fake tree's usb0 holds 10.42.0.17/24 and the default route.
        assertThat(n.get("address").asText()).isEqualTo("10.42.0.17");
        assertThat(n.get("link").asText()).isEqualTo("usb");
        assertThat(n.fieldNames()).toIterable().containsExactly("id", "state", "address", "link", "lastSeen", "health");
    }

    @Test
    void theClusterTopicIsRetainedAndFollowsChanges() throws Exception {
        startMaster();
        cluster.startNode("zero-b1", "500ms");
        cluster.startNode("zero-b2", "500ms");
        BlockingQueue<JsonNode> seen = new LinkedBlockingQueue<>();
        MqttClient observer = observer("observer");
        observer.subscribe(topics.cluster(), 1, (t, m) -> seen.add(Json.mapper().readTree(m.getPayload())));
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            JsonNode last = null;
            for (JsonNode j : seen) {
                last = j;
            }
            return last != null && last.get("nodes").size() == 2
                    && "online".equals(last.get("nodes").get(0).get("state").asText())
                    && "online".equals(last.get("nodes").get(1).get("state").asText());
        });
        // A late subscriber gets the retained picture at once.
        BlockingQueue<JsonNode> late = new LinkedBlockingQueue<>();
        MqttClient second = observer("observer-2");
        second.subscribe(topics.cluster(), 1, (t, m) -> late.add(Json.mapper().readTree(m.getPayload())));
        JsonNode retained = late.poll(5, TimeUnit.SECONDS);
        assertThat(retained).isNotNull();
        assertThat(retained.get("nodes").findValuesAsText("id")).containsExactly("zero-b1", "zero-b2");
    }

    @Test
    void brokerRestartLosesNoReport() throws Exception {
        MasterDaemon master = startMaster();
        Set<Long> seqs = new ConcurrentSkipListSet<>();
        BlockingQueue<Long> arrivals = new LinkedBlockingQueue<>();
        master.registry().addReportListener((id, report) -> {
            seqs.add(report.seq());
            arrivals.add(report.seq());
        });
        NodeDaemon node = cluster.startNode("zero-c1", "200ms");
        await().atMost(Duration.ofSeconds(10)).until(() -> seqs.size() >= 5);

        // Stop just after a report came through, well before the next one is due: a report the
        // broker has acknowledged is the broker's, and one that a stopping broker acknowledged but
        // had not passed on yet would go down with it (QoS 1 is hop by hop; README, "MQTT").
        arrivals.clear();
        assertThat(arrivals.poll(5, TimeUnit.SECONDS)).as("a report before the stop").isNotNull();
        stopBroker(master);
        long lastBefore = seqs.isEmpty() ? 0 : ((ConcurrentSkipListSet<Long>) seqs).last();
        Thread.sleep(2000);
        restartBroker(master);

        // Ten reports were made during the outage; all of them, and the ones after, arrive.
        await().atMost(Duration.ofSeconds(20)).until(() -> ((ConcurrentSkipListSet<Long>) seqs).last() >= lastBefore + 25);
        long max = ((ConcurrentSkipListSet<Long>) seqs).last();
        for (long s = ((ConcurrentSkipListSet<Long>) seqs).first(); s <= max; s++) {
            assertThat(seqs).as("seq %d", s).contains(s);
        }
        assertThat(node.session().droppedCount()).isZero();
    }

    @Test
    void sigkillBringsOfflineWithinOneAndAHalfKeepalives() throws Exception {
        MasterDaemon master = startMaster();
        Process p = cluster.startNodeProcess("zero-d1", "500ms");
        await().atMost(Duration.ofSeconds(30)).until(() -> node(master, "zero-d1") != null
                && "online".equals(node(master, "zero-d1").state()));
        long start = System.nanoTime();
        p.destroyForcibly();
        await().atMost(Duration.ofSeconds(3)).pollInterval(Duration.ofMillis(20))
                .until(() -> "offline".equals(node(master, "zero-d1").state()));
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
    }

    @Test
    void sigtermSaysOfflineWithReasonShutdownAtOnce() throws Exception {
        MasterDaemon master = startMaster();
        Process p = cluster.startNodeProcess("zero-e1", "500ms");
        await().atMost(Duration.ofSeconds(30)).until(() -> node(master, "zero-e1") != null
                && "online".equals(node(master, "zero-e1").state()));
        BlockingQueue<JsonNode> statuses = new LinkedBlockingQueue<>();
        MqttClient observer = observer("observer");
        observer.subscribe(topics.nodeStatus(NodeId.of("zero-e1")), 1,
                (t, m) -> statuses.add(Json.mapper().readTree(m.getPayload())));
        assertThat(statuses.poll(5, TimeUnit.SECONDS).get("state").asText()).isEqualTo("online");

        long start = System.nanoTime();
        p.destroy();
        JsonNode last = statuses.poll(2, TimeUnit.SECONDS);
        assertThat(last).as("a status within 2 s of SIGTERM").isNotNull();
        assertThat(last.get("state").asText()).isEqualTo("offline");
        assertThat(last.get("reason").asText()).isEqualTo("shutdown");
        // The fake tree's /proc/sys/kernel/random/boot_id.
        assertThat(last.get("bootId").asText()).isEqualTo("6f1c2a43-8d2e-4c61-9a9b-1b2f3c4d5e6f");
        assertThat(p.waitFor(2, TimeUnit.SECONDS)).as("the node exits within 2 s").isTrue();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(2500));
        await().atMost(Duration.ofSeconds(1)).until(() -> "offline".equals(node(master, "zero-e1").state()));
    }

    @Test
    void aRestartedMasterIsWholeAgainWithinFiveSeconds() throws Exception {
        MasterDaemon master = startMaster();
        for (String id : new String[] {"zero-f1", "zero-f2", "zero-f3"}) {
            cluster.startNode(id, "500ms");
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> master.registry().snapshot().stream()
                .filter(n -> "online".equals(n.state())).count() == 3);
        master.close();
        Thread.sleep(1000);
        MasterDaemon again = startMaster();
        long start = System.nanoTime();
        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(50)).until(() -> again.registry()
                .snapshot().stream().filter(n -> "online".equals(n.state()) && n.health() != null).count() == 3);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void badPayloadsAreCountedAndDroppedAndTheRegistryKeepsServing() throws Exception {
        MasterDaemon master = startMaster();
        cluster.startNode("zero-g1", "300ms");
        await().atMost(Duration.ofSeconds(10)).until(() -> node(master, "zero-g1") != null
                && node(master, "zero-g1").health() != null);
        MqttClient rogue = cluster.nodeClient("zero-g2");
        String health = topics.nodeHealth(NodeId.of("zero-g2"));
        rogue.publish(health, "{not json".getBytes(StandardCharsets.UTF_8), 1, false);
        rogue.publish(health, new byte[70 * 1024], 1, false);
        rogue.publish(health, "{\"schema\":2,\"node\":\"zero-g2\"}".getBytes(StandardCharsets.UTF_8), 1, false);
        rogue.publish(health, "{\"schema\":1,\"node\":\"zero-g1\",\"seq\":1}".getBytes(StandardCharsets.UTF_8), 1, false);
        rogue.publish(health, "{\"schema\":1,\"node\":\"zero-g2\",\"seq\":\"many\"}".getBytes(StandardCharsets.UTF_8), 1, false);
        BadInput bad = master.badInput();
        await().atMost(Duration.ofSeconds(5)).until(() -> bad.count(BadInput.Kind.MALFORMED) == 1
                && bad.count(BadInput.Kind.OVERSIZED) == 1 && bad.count(BadInput.Kind.FOREIGN_SCHEMA) == 2
                && bad.count(BadInput.Kind.FOREIGN_ID) == 1);
        // Nothing of it reached the registry, and the good node goes on being served.
        assertThat(node(master, "zero-g2") == null || node(master, "zero-g2").health() == null).isTrue();
        long seqBefore = node(master, "zero-g1").health().seq();
        await().atMost(Duration.ofSeconds(5)).until(() -> node(master, "zero-g1").health().seq() > seqBefore + 2);
        assertThat(node(master, "zero-g1").state()).isEqualTo("online");
    }
}
