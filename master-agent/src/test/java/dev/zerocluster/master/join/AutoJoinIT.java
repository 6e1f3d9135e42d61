package dev.zerocluster.master.join;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.zerocluster.core.model.Json;
import dev.zerocluster.master.daemon.ClusterFixture;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.io.TempDir;

/**
 * Auto-join end to end (SPEC §5, issue 4): the testbed's network namespaces, real veth "USB"
 * links, busybox udhcpc in the nodes, the master's bridge, dnsmasq and nft, and both daemons as
 * the packaged jars. Runs as root in CI.
 */
class AutoJoinIT {
    private static int counter;

    @TempDir
    Path dir;
    Testbed tb;

    @BeforeEach
    void setUp(TestInfo info) {
        tb = new Testbed("zcj" + (++counter) + (ProcessHandle.current().pid() % 100), dir.resolve("tb"),
                ClusterFixture.freePort());
    }

    @AfterEach
    void tearDown() {
        if (tb != null) {
            tb.close();
        }
    }

    private boolean inOutputs(String id) {
        return tb.read(tb.machinefile()).contains(id + ":") && tb.read(tb.hostsFile()).contains(" " + id + "\n");
    }

    private String addressOf(String id) {
        JsonNode n = tb.node(id);
        return n == null ? null : n.path("address").asText(null);
    }

    /** The retained {@code <base>/cluster}, read inside the master's namespace as the master. */
    private JsonNode clusterTopic() throws IOException {
        String secret = Files.readString(tb.dir.resolve("master/state/master-secret")).strip();
        String out = tb.ok("exec", "master", "mosquitto_sub", "-h", "127.0.0.1", "-p", "1883", "-u", "zc.master",
                "-P", secret, "-i", "it-reader", "-t", "zerocluster/default/cluster", "-C", "1", "-W", "5");
        return Json.mapper().readTree(out.substring(out.indexOf('{')));
    }

    @Test
    void threeNodesPluggedOneAfterAnotherEachJoinWithinThreeSeconds() throws Exception {
        tb.ok("up", "--nodes", "3");
        Map<String, Long> joinMillis = new LinkedHashMap<>();
        for (int slot = 1; slot <= 3; slot++) {
            String id = tb.nodeId(slot);
            long start = System.nanoTime();
            tb.ok("plug", Integer.toString(slot));
            await().atMost(Duration.ofSeconds(3)).pollInterval(Duration.ofMillis(20))
                    .until(() -> inOutputs(id) && tb.online(id));
            joinMillis.put(id, (System.nanoTime() - start) / 1_000_000);
        }
        System.out.println("join times (plug → machinefile, hosts, /api/nodes): " + joinMillis);
        List<String> ids = List.copyOf(joinMillis.keySet());
        // MPICH machinefile: the master first, then the nodes sorted by id, one core each (a Zero).
        List<String> lines = tb.read(tb.machinefile()).lines().toList();
        assertThat(lines).hasSize(4);
        assertThat(lines.subList(1, 4)).containsExactly(ids.stream().sorted().map(i -> i + ":1").toArray(String[]::new));
        assertThat(lines.get(0)).matches("[A-Za-z0-9.-]+:\\d+");
        for (String id : ids) {
            assertThat(tb.read(tb.hostsFile())).contains(addressOf(id) + " " + id + "\n");
        }
        JsonNode cluster = clusterTopic();
        assertThat(cluster.get("nodes").findValuesAsText("id")).containsExactlyInAnyOrderElementsOf(ids);
        assertThat(cluster.get("nodes").findValuesAsText("state")).containsOnly("online");
        // Each node got the master's key, once.
        for (int slot = 1; slot <= 3; slot++) {
            Path keys = tb.dir.resolve("nodes/" + slot + "/root/home/pi/.ssh/authorized_keys");
            await().atMost(Duration.ofSeconds(5)).until(() -> Files.exists(keys));
            assertThat(Files.readAllLines(keys)).hasSize(1).allMatch(l -> l.startsWith("ssh-ed25519 "));
            assertThat(Files.getPosixFilePermissions(keys)).hasSize(2);
        }
    }

    @Test
    void anUnpluggedNodeLeavesWithinTwoSecondsAndComesBackWithItsAddress() throws Exception {
        tb.ok("up", "--nodes", "2");
        tb.ok("plug", "1");
        tb.ok("plug", "2");
        String id = tb.nodeId(1);
        await().atMost(Duration.ofSeconds(10)).until(() -> inOutputs(id) && inOutputs(tb.nodeId(2)));
        String address = addressOf(id);

        for (int cycle = 0; cycle < 2; cycle++) {
            // The link goes first thing in unplug; what the script does after that is not the master's time.
            long start = System.nanoTime();
            tb.ok("unplug", "1");
            await().atMost(Duration.ofSeconds(2)).pollInterval(Duration.ofMillis(20)).until(() -> !inOutputs(id));
            long leftMs = (System.nanoTime() - start) / 1_000_000;
            await().atMost(Duration.ofSeconds(1)).until(() -> "offline".equals(tb.node(id).path("state").asText()));
            assertThat(inOutputs(tb.nodeId(2))).as("the other node stays").isTrue();

            start = System.nanoTime();
            tb.ok("plug", "1");
            await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(20))
                    .until(() -> inOutputs(id) && tb.online(id));
            System.out.printf("cycle %d: left after %d ms, back after %d ms%n", cycle, leftMs,
                    (System.nanoTime() - start) / 1_000_000);
            assertThat(addressOf(id)).isEqualTo(address);
        }
    }

    @Test
    void afterAMasterRestartEveryNodeIsBackWithItsAddressWithinTenSeconds() throws Exception {
        tb.ok("up", "--nodes", "3");
        Map<String, String> before = new LinkedHashMap<>();
        for (int slot = 1; slot <= 3; slot++) {
            tb.ok("plug", Integer.toString(slot));
        }
        for (int slot = 1; slot <= 3; slot++) {
            String id = tb.nodeId(slot);
            await().atMost(Duration.ofSeconds(10)).until(() -> tb.online(id));
            before.put(id, addressOf(id));
        }
        long start = System.nanoTime();
        tb.ok("restart-master");
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50)).until(() ->
                before.keySet().stream().allMatch(id -> tb.online(id) && inOutputs(id)));
        System.out.println("all nodes back " + (System.nanoTime() - start) / 1_000_000 + " ms after the restart began");
        for (Map.Entry<String, String> e : before.entrySet()) {
            assertThat(addressOf(e.getKey())).as(e.getKey()).isEqualTo(e.getValue());
        }
    }

    @Test
    void twoNodesClonedFromOneCardGetTheirOwnIdsAndAddresses() throws Exception {
        // With systemd's MAC-based names on the master this time: enx<mac>.
        tb.ok("up", "--nodes", "2", "--naming", "enx");
        assertThat(tb.read(tb.dir.resolve("nodes/1/root/etc/hostname")))
                .isEqualTo(tb.read(tb.dir.resolve("nodes/2/root/etc/hostname")));
        tb.ok("plug", "1");
        tb.ok("plug", "2");
        String a = tb.nodeId(1);
        String b = tb.nodeId(2);
        await().atMost(Duration.ofSeconds(10)).until(() -> tb.online(a) && tb.online(b));
        assertThat(a).isNotEqualTo(b);
        assertThat(addressOf(a)).isNotEqualTo(addressOf(b));
        Set<String> ids = new HashSet<>(tb.nodes().findValuesAsText("id"));
        assertThat(ids).containsExactlyInAnyOrder(a, b);
        assertThat(tb.ok("exec", "master", "ip", "-o", "link", "show", "master", "zc0")).contains("enx025a10111101");
    }

    @Test
    void aStaticNodeSetsItsOwnAddressAndRouteAndJoins() throws Exception {
        tb.ok("up", "--nodes", "1", "--addressing", "static");
        String id = tb.nodeId(1);
        long start = System.nanoTime();
        tb.ok("plug", "1");
        await().atMost(Duration.ofSeconds(5)).until(() -> inOutputs(id) && tb.online(id));
        System.out.println("static join " + (System.nanoTime() - start) / 1_000_000 + " ms");
        assertThat(addressOf(id)).isEqualTo("10.42.0.201");
        assertThat(tb.ok("exec", "1", "ip", "route", "show", "default")).contains("default via 10.42.0.1 dev usb0");
        // No DHCP client ran for it.
        assertThat(Files.exists(tb.dir.resolve("logs/dhcp-1.log"))).isFalse();
        tb.ok("unplug", "1");
        await().atMost(Duration.ofSeconds(2)).until(() -> !inOutputs(id));
        tb.ok("plug", "1");
        await().atMost(Duration.ofSeconds(5)).until(() -> inOutputs(id) && tb.online(id));
        assertThat(addressOf(id)).isEqualTo("10.42.0.201");
    }

    @Test
    void nodesReachEachOtherThroughTheBridgeAndTheUplinkThroughNat() throws Exception {
        tb.ok("up", "--nodes", "2");
        tb.ok("plug", "1");
        tb.ok("plug", "2");
        String b = tb.nodeId(2);
        await().atMost(Duration.ofSeconds(10)).until(() -> tb.online(tb.nodeId(1)) && tb.online(b));
        assertThat(tb.run("exec", "1", "ping", "-c", "1", "-W", "2", addressOf(b)).code()).isZero();

        // A server behind the uplink logs who connects: it must see the master's uplink address.
        String gw = tb.info().get("UPLINK_GW");
        Path serverLog = dir.resolve("server.log");
        ProcessBuilder pb = new ProcessBuilder(List.of("ip", "netns", "exec", tb.info().get("UPLINK_NS"), "socat", "-d",
                "-d", "TCP-LISTEN:9999,bind=" + gw + ",reuseaddr", "OPEN:/dev/null")).redirectErrorStream(true)
                .redirectOutput(serverLog.toFile());
        Process server = pb.start();
        try {
            await().atMost(Duration.ofSeconds(5)).until(() -> Files.readString(serverLog).contains("listening"));
            Testbed.Result r = tb.run("exec", "1", "socat", "-u", "OPEN:/dev/null", "TCP:" + gw + ":9999,connect-timeout=3");
            assertThat(r.code()).as(r.out()).isZero();
            await().atMost(Duration.ofSeconds(5)).until(() -> Files.readString(serverLog).contains("accepting connection"));
            assertThat(Files.readString(serverLog)).contains("accepting connection from AF=2 10.99.0.2:");
        } finally {
            server.destroyForcibly();
            server.waitFor(5, TimeUnit.SECONDS);
        }
    }
}
