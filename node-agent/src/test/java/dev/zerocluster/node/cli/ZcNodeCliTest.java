package dev.zerocluster.node.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.zerocluster.core.model.Json;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line as a user meets it: output, error lines and exit codes (SPEC §2). */
class ZcNodeCliTest {
    static final Path TREE = Path.of("src/test/resources/health/pi-zero-w-buster");

    @TempDir
    Path dir;

    record Outcome(int code, String out, String err) {
    }

    static Outcome run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = ZcNode.run(new PrintWriter(out), new PrintWriter(err), args);
        return new Outcome(code, out.toString(), err.toString());
    }

    @Test
    void healthPrintsOneReportAsJson() throws IOException {
        Outcome o = run("health", "--config", TREE.resolve("node.yaml").toString(),
                "--set", "system.root=" + TREE.resolve("root"));
        assertThat(o.code()).as(o.err()).isZero();
        JsonNode report = Json.mapper().readTree(o.out());
        assertThat(report.get("node").asText()).isEqualTo("zero-a1b2c3d4");
        assertThat(report.get("throttled").get("raw").asInt()).isEqualTo(0x50005);
        assertThat(report.get("cpuTempC").asDouble()).isEqualTo(48.312);
    }

    @Test
    void helpOnEveryCommand() {
        for (String[] args : new String[][] {{"--help"}, {"run", "--help"}, {"health", "--help"},
            {"setup", "--help"}, {"tweaks", "--help"}}) {
            Outcome o = run(args);
            assertThat(o.code()).isZero();
            assertThat(o.out()).contains("Usage: zc-node").contains("--config").contains("--set");
        }
    }

    @Test
    void aUsageErrorExits2() {
        assertThat(run("health", "--no-such-option").code()).isEqualTo(2);
        assertThat(run("tweaks", "sideways").code()).isEqualTo(2);
        assertThat(run("frobnicate").code()).isEqualTo(2);
    }

    @Test
    void aConfigurationErrorExits78NamingFileLineAndKey() throws IOException {
        Path f = dir.resolve("node.yaml");
        Files.writeString(f, "cluster: lab\nhealth:\n  interval: often\n");
        Outcome o = run("health", "--config", f.toString());
        assertThat(o.code()).isEqualTo(78);
        assertThat(o.err().strip()).isEqualTo("zc-node: configuration error: " + f + " line 3: key 'health.interval':"
                + " expected a duration such as 500ms, 10s, 2m or 1h, found 'often'");
    }

    @Test
    void eachKindOfConfigurationErrorExits78() throws IOException {
        String[][] files = {
            {"unknown key", "helth:\n  interval: 5s\n", "line 2: unknown key 'helth.interval'"},
            {"wrong type", "links:\n  usb:\n    enabled: [1]\n", "line 3: key 'links.usb.enabled': expected true or false"},
            {"bad duration", "mqtt.keepalive: 5 minutes\n", "line 1: key 'mqtt.keepalive': expected a duration"},
            {"bad CIDR", "links.serial.address: 10.42.0.17\n", "line 1: key 'links.serial.address': expected an address"},
            {"invalid node id", "node:\n  id: Zero_1\n", "line 2: key 'node.id': expected auto or an id"},
        };
        for (String[] c : files) {
            Path f = dir.resolve(c[0].replace(' ', '-') + ".yaml");
            Files.writeString(f, c[1]);
            Outcome o = run("health", "--config", f.toString());
            assertThat(o.code()).as(c[0]).isEqualTo(78);
            assertThat(o.err()).as(c[0]).contains(f + " " + c[2]);
        }
    }

    @Test
    void aMissingConfigFileExits78() {
        Path missing = dir.resolve("missing.yaml");
        Outcome o = run("health", "--config", missing.toString());
        assertThat(o.code()).isEqualTo(78);
        assertThat(o.err()).contains("configuration file " + missing + " does not exist");
    }

    @Test
    void aBadOverrideExits78() {
        Outcome o = run("health", "--set", "health.interval=soon");
        assertThat(o.code()).isEqualTo(78);
        assertThat(o.err()).contains("--set health.interval: key 'health.interval'");
    }

    @Test
    void laterCommandsSayNotYetAvailableAndExit1() {
        String[][] commands = {{"setup", "--dry-run", "--set", "system.root=" + TREE.resolve("root")},
            {"tweaks", "status", "--set", "system.root=" + TREE.resolve("root")}};
        for (String[] args : commands) {
            Outcome o = run(args);
            assertThat(o.code()).as(String.join(" ", args)).isEqualTo(1);
            assertThat(o.err()).contains("not yet available");
        }
    }
}
