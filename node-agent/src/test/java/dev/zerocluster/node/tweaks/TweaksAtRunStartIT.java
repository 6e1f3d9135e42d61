package dev.zerocluster.node.tweaks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zerocluster.node.setup.FakeTree;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code zc-node run} applies the tweaks before anything else, broker or no broker: the packaged
 * jar, on a copy of the Bookworm tree, with an MQTT URL nobody answers.
 */
class TweaksAtRunStartIT {
    static final Path JAR = Path.of("target/zc-node.jar");

    @TempDir
    Path tmp;

    @Test
    void runSwitchesHdmiOffAtBootBeforeItHasABroker() throws Exception {
        Path root = FakeTree.build(Path.of("src/test/resources/tweaks/bookworm-kms"), tmp.resolve("root"));
        Path token = Files.writeString(tmp.resolve("join-token"), "test-join-token-0123456789abcdef\n");
        Path log = tmp.resolve("node.log");
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        Process node = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", JAR.toString(), "run", "--set", "system.root=" + root, "--set", "state.dir=" + tmp.resolve("state"),
                "--set", "mqtt.url=tcp://127.0.0.1:" + closedPort, "--set", "mqtt.join-token-file=" + token,
                "--set", "tweaks.act-led=keep", "--set", "node.hostname=keep"))
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(Files.readString(log))
                    .contains("tweak hdmi: pending-reboot (/boot/firmware/config.txt line 7: dtoverlay=vc4-kms-v3d"
                            + " -> dtoverlay=vc4-kms-v3d,nohdmi; takes effect at the next boot)"));
            assertThat(Files.readString(root.resolve("boot/firmware/config.txt"))).contains("dtoverlay=vc4-kms-v3d,nohdmi\n");
            assertThat(node.isAlive()).as("the daemon runs on after its tweaks").isTrue();
        } finally {
            node.destroy();
            if (!node.waitFor(10, TimeUnit.SECONDS)) {
                node.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
    }
}
