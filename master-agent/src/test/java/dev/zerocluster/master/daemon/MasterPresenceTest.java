package dev.zerocluster.master.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.zerocluster.core.model.Json;
import dev.zerocluster.core.mqtt.Topics;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The master's own birth and graceful offline on {@code <base>/master/status}. */
class MasterPresenceTest {
    @RegisterExtension
    final ClusterFixture cluster = new ClusterFixture();

    @Test
    void theMasterAnnouncesItselfRetainedAndSaysGoodbye() throws Exception {
        MasterDaemon master = cluster.startMaster();
        BlockingQueue<JsonNode> seen = new LinkedBlockingQueue<>();
        MqttClient node = cluster.nodeClient("zero-p1");
        node.subscribe(new Topics("default").masterStatus(), 1,
                (t, m) -> seen.add(Json.mapper().readTree(m.getPayload())));
        JsonNode birth = seen.poll(5, TimeUnit.SECONDS);
        assertThat(birth).as("the retained birth").isNotNull();
        assertThat(birth.get("state").asText()).isEqualTo("online");
        assertThat(birth.get("node").asText()).isEqualTo("master");
        assertThat(birth.get("agentVersion").asText()).isNotEmpty();

        // Closing says offline first, then stops the broker it embeds.
        master.close();
        JsonNode bye = seen.poll(5, TimeUnit.SECONDS);
        assertThat(bye).isNotNull();
        assertThat(bye.get("state").asText()).isEqualTo("offline");
        assertThat(bye.get("reason").asText()).isEqualTo("shutdown");
    }
}
