package dev.zerocluster.node.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zerocluster.core.model.NodeId;
import dev.zerocluster.core.mqtt.MqttClientConfig;
import dev.zerocluster.core.mqtt.PahoTransport;
import dev.zerocluster.core.mqtt.SocketTransport;
import dev.zerocluster.core.system.EventLoop;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class NodeDaemonTest {
    private static final long SECOND = 1_000_000_000L;

    @Test
    void aSettledLinkLookFallsOnTheReportsGridOfWholeSeconds() {
        assertThat(NodeDaemon.untilNextTick(0, SECOND)).isEqualTo(SECOND);
        assertThat(NodeDaemon.untilNextTick(3 * SECOND + 40_000, SECOND)).as("just after a tick")
                .isEqualTo(SECOND - 40_000);
        assertThat(NodeDaemon.untilNextTick(5 * SECOND + SECOND / 2, SECOND)).isEqualTo(SECOND / 2);
        assertThat(NodeDaemon.untilNextTick(7 * SECOND - 20_000, SECOND))
                .as("a hair before a tick: the one after, not one at once").isEqualTo(SECOND + 20_000);
    }

    @Test
    void plainTcpBrokersGetTheNodesOwnClientAndTlsOnesPahos() {
        NodeId id = NodeId.of("zero-a1");
        EventLoop timer = EventLoop.start("test");
        try {
            assertThat(NodeDaemon.transport(mqtt(Optional.empty()), id, timer)).isInstanceOf(SocketTransport.class);
            assertThat(NodeDaemon.transport(mqtt(Optional.of(URI.create("tcp://10.0.0.1:1883"))), id, timer))
                    .isInstanceOf(SocketTransport.class);
            assertThat(NodeDaemon.transport(mqtt(Optional.of(URI.create("ssl://master.local:8883"))), id, timer))
                    .isInstanceOf(PahoTransport.class);
        } finally {
            timer.shutdownNow();
        }
    }

    private static MqttClientConfig mqtt(Optional<URI> url) {
        return new MqttClientConfig(url, Optional.empty(), Optional.empty(), Optional.empty(), Duration.ofSeconds(10));
    }
}
