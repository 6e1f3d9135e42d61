package dev.zerocluster.node.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.zerocluster.core.model.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The packaged {@code target/zc-node.jar}, run with {@code java -jar} as the README says. */
class ZcNodeJarIT {
    static final Path JAR = Path.of("target/zc-node.jar");
    static final Path TREE = Path.of("src/test/resources/health/pi-zero-2w-bookworm");

    record Outcome(int code, String out, String err) {
    }

    static Outcome java(String... args) throws IOException, InterruptedException {
        List<String> argv = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", JAR.toString()));
        argv.addAll(List.of(args));
        Process p = new ProcessBuilder(argv).start();
        p.getOutputStream().close();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("zc-node finished").isTrue();
        return new Outcome(p.exitValue(), new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8),
                new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
    }

    @Test
    void healthOnAFakeTree() throws Exception {
        Outcome o = java("health", "--config", TREE.resolve("node.yaml").toString(),
                "--set", "system.root=" + TREE.resolve("root"));
        assertThat(o.code()).as(o.err()).isZero();
        JsonNode report = Json.mapper().readTree(o.out());
        assertThat(report.get("node").asText()).isEqualTo("zero-e5f6a7b8");
        assertThat(report.get("model").asText()).isEqualTo("Raspberry Pi Zero 2 W Rev 1.0");
        assertThat(report.get("throttled").get("underVoltage").asBoolean()).isTrue();
        // Logging goes to stderr, so stdout is nothing but the JSON document.
        assertThat(o.out().strip()).startsWith("{").endsWith("}");
    }

    @Test
    void versionAndHelp() throws Exception {
        Outcome version = java("--version");
        assertThat(version.code()).isZero();
        assertThat(version.out()).startsWith("zerocluster 0.1.0");
        assertThat(java("--help").out()).contains("health").contains("setup").contains("tweaks");
    }

    @Test
    void aConfigErrorExits78() throws Exception {
        Outcome o = java("health", "--set", "node.id=Not_Valid");
        assertThat(o.code()).isEqualTo(78);
        assertThat(o.err()).contains("--set node.id: key 'node.id'");
    }
}
