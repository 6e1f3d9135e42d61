package dev.zerocluster.master.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.zerocluster.core.model.Json;
import dev.zerocluster.master.daemon.ClusterFixture;
import dev.zerocluster.master.daemon.MasterDaemon;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code zc-master status} against a running master, and against none. */
class StatusCommandTest {
    @RegisterExtension
    final ClusterFixture cluster = new ClusterFixture();

    /** The command line as in {@link ZcMasterCliTest}. */
    static ZcMasterCliTest.Outcome run(String... args) {
        return ZcMasterCliTest.run(args);
    }

    @Test
    void aTableAndJsonOfTheRunningCluster() throws Exception {
        MasterDaemon master = cluster.startMaster();
        cluster.startNode("zero-s1", "500ms");
        cluster.startNode("zero-s2", "500ms");
        await().atMost(Duration.ofSeconds(10)).until(() -> master.registry().snapshot().stream()
                .filter(n -> "online".equals(n.state()) && n.health() != null).count() == 2);
        String url = "http://127.0.0.1:" + cluster.httpPort();

        ZcMasterCliTest.Outcome table = run("status", "--url", url);
        assertThat(table.code()).as(table.err()).isZero();
        String[] lines = table.out().split("\n");
        assertThat(lines[0]).startsWith("ID").contains("STATE").contains("LINK").contains("ADDRESS").contains("TEMP")
                .contains("UNDERVOLT").contains("LOAD").contains("LAST SEEN");
        assertThat(lines).hasSize(3);
        assertThat(lines[1]).startsWith("zero-s1").contains("online").contains("usb").contains("10.42.0.17")
                .contains("48.3°C").contains("YES (seen)").contains("0.12").contains("s ago");
        assertThat(lines[2]).startsWith("zero-s2");

        ZcMasterCliTest.Outcome json = run("status", "--json", "--url", url);
        assertThat(json.code()).isZero();
        JsonNode nodes = Json.mapper().readTree(json.out());
        assertThat(nodes.findValuesAsText("id")).contains("zero-s1", "zero-s2");
    }

    @Test
    void noMasterIsExit1WithAClearMessage() {
        int port = ClusterFixture.freePort();
        ZcMasterCliTest.Outcome o = run("status", "--url", "http://127.0.0.1:" + port);
        assertThat(o.code()).isEqualTo(1);
        assertThat(o.err()).contains("no master answers at http://127.0.0.1:" + port);
    }

    @Test
    void aBadUrlIsAUsageError() {
        assertThat(run("status", "--url", "ftp://x").code()).isEqualTo(2);
    }

    @Test
    void anEmptyClusterSaysSo() throws Exception {
        JsonNode empty = Json.mapper().readTree("[]");
        assertThat(StatusCommand.table(empty, Instant.now())).contains("no nodes yet");
    }
}
