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
    void setupDryRunPrintsTheChangesAndWritesNothing() throws IOException {
        Path root = copyTree(TREE.resolve("root"));
        String config = Files.readString(root.resolve("boot/config.txt"));
        Outcome o = run("setup", "--dry-run", "--set", "system.root=" + root);
        assertThat(o.code()).as(o.err()).isZero();
        assertThat(o.out()).contains("/boot/config.txt  [at the next boot]")
                .contains("USB gadget: add dtoverlay=dwc2,dr_mode=peripheral under a new [pi0]")
                .contains("options g_ether dev_addr=02:00:a1:b2:c3:d4")
                .endsWith("Dry run: nothing was written. These changes take effect after a reboot.\n");
        assertThat(Files.readString(root.resolve("boot/config.txt"))).isEqualTo(config);
        assertThat(root.resolve("etc/modprobe.d")).doesNotExist();
    }

    @Test
    void tweaksStatusReportsAndExits0() throws IOException {
        Path root = copyTree(TREE.resolve("root"));
        Outcome o = run("tweaks", "status", "--set", "system.root=" + root);
        assertThat(o.code()).as(o.err()).isZero();
        assertThat(o.out()).contains("act-led: on (led0 trigger mmc0, brightness 0)");
    }

    @Test
    void aTweakThatCannotBeMadeExits1AndSaysWhy() throws IOException {
        // A plain file is not an LED: writing "none" there would light nothing and prove nothing.
        Path root = copyTree(TREE.resolve("root"));
        String trigger = Files.readString(root.resolve("sys/class/leds/led0/trigger"));
        Outcome o = run("tweaks", "apply", "--set", "system.root=" + root, "--set", "state.dir=" + dir.resolve("state"),
                "--set", "tweaks.hdmi=keep");
        assertThat(o.code()).isEqualTo(1);
        assertThat(o.err()).contains("zc-node: tweaks apply: act-led: on (" + root.resolve("sys/class/leds/led0/trigger")
                + " is on ").contains(", not sysfs: not a kernel LED, nothing written)");
        assertThat(Files.readString(root.resolve("sys/class/leds/led0/trigger"))).isEqualTo(trigger);
        assertThat(dir.resolve("state/act-led.json")).doesNotExist();
    }

    private Path copyTree(Path tree) throws IOException {
        Path copy = dir.resolve("root");
        try (var files = Files.walk(tree)) {
            for (Path p : files.toList()) {
                Path dest = copy.resolve(tree.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(dest);
                } else {
                    Files.copy(p, dest, java.nio.file.StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
        return copy;
    }
}
