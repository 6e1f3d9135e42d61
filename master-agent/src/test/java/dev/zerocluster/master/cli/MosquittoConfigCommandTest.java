package dev.zerocluster.master.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zerocluster.core.model.NodeId;
import dev.zerocluster.core.mqtt.Credentials;
import dev.zerocluster.core.testing.MosquittoProcess;
import dev.zerocluster.master.broker.MasterSecret;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MosquittoConfigCommandTest {
    static final String TOKEN = "command-test-join-token-0123456789";

    @TempDir
    Path dir;
    Path config;
    Path token;
    Path state;
    Path out;

    record Outcome(int code, String out, String err) {
    }

    @BeforeEach
    void masterConfiguration() throws IOException {
        token = dir.resolve("join-token");
        state = dir.resolve("state");
        out = dir.resolve("out");
        config = dir.resolve("master.yaml");
        Files.writeString(config, String.join("\n",
                "cluster: lab",
                "mqtt:",
                "  join-token-file: " + token,
                "state.dir: " + state,
                ""));
    }

    static Outcome run(String... args) {
        StringWriter o = new StringWriter();
        StringWriter e = new StringWriter();
        int code = ZcMaster.run(new PrintWriter(o), new PrintWriter(e), args);
        return new Outcome(code, o.toString(), e.toString());
    }

    Outcome generate(String... extra) {
        List<String> args = new ArrayList<>(List.of("mosquitto-config", "--config", config.toString(),
                "--out", out.toString()));
        args.addAll(List.of(extra));
        return run(args.toArray(String[]::new));
    }

    @Test
    void writesTheThreeFilesAndSaysHowToInstallThem() throws IOException {
        Files.writeString(token, TOKEN + "\n");
        Outcome o = generate("--node", "zero-b", "--node", "zero-a,zero-c");
        assertThat(o.code()).as(o.err()).isZero();

        assertThat(passwordUsers()).containsExactly(Credentials.MASTER_USER, "zero-a", "zero-b", "zero-c");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(out.resolve("zerocluster.passwd"))))
                .isEqualTo("rw-------");
        assertThat(Files.readString(out.resolve("zerocluster.acl"))).contains("pattern write zerocluster/lab/nodes/%u/status");
        assertThat(Files.readString(out.resolve("zerocluster.conf")))
                .contains("\nlistener 1883\n", "\npassword_file /etc/mosquitto/zerocluster.passwd\n");
        assertThat(Files.exists(state.resolve(MasterSecret.FILE_NAME))).isTrue();

        assertThat(o.out()).contains(out.resolve("zerocluster.passwd").toString(), "3 node(s): zero-a, zero-b, zero-c",
                "sudo install -m 0640 -o root -g mosquitto", "/etc/mosquitto/conf.d/zerocluster.conf",
                "systemctl restart mosquitto", "mqtt.embedded.enabled: false, mqtt.url: tcp://127.0.0.1:1883",
                "every node must be listed", "systemctl reload mosquitto");
    }

    @Test
    void aSecondRunKeepsTheMasterSecretAndReplacesTheNodes() throws IOException {
        Files.writeString(token, TOKEN);
        assertThat(generate("--node", "zero-a").code()).isZero();
        String secret = Files.readString(state.resolve(MasterSecret.FILE_NAME));
        assertThat(generate("--node", "zero-b").code()).isZero();
        assertThat(Files.readString(state.resolve(MasterSecret.FILE_NAME))).isEqualTo(secret);
        assertThat(passwordUsers()).containsExactly(Credentials.MASTER_USER, "zero-b");
    }

    @Test
    void withoutAJoinTokenItExits1AndSaysWhatToDo() {
        Outcome o = generate("--node", "zero-a");
        assertThat(o.code()).isEqualTo(1);
        assertThat(o.err()).contains("no join token at " + token, "mqtt.join-token-file", "openssl rand -hex 32")
                .doesNotContain("Exception");
        assertThat(out).doesNotExist();
    }

    @Test
    void aTokenTooShortToProtectABrokerExits1() throws IOException {
        Files.writeString(token, "short");
        Outcome o = generate();
        assertThat(o.code()).isEqualTo(1);
        assertThat(o.err()).contains("shorter than 16 characters");
    }

    @Test
    void anOutputDirectoryThatCannotBeMadeExits1() throws IOException {
        Files.writeString(token, TOKEN);
        Files.writeString(dir.resolve("a-file"), "");
        Outcome o = run("mosquitto-config", "--config", config.toString(), "--out", dir.resolve("a-file/out").toString());
        assertThat(o.code()).isEqualTo(1);
        assertThat(o.err()).contains("cannot write the Mosquitto files into " + dir.resolve("a-file/out"));
    }

    @Test
    void badArgumentsAreUsageErrors() throws IOException {
        Files.writeString(token, TOKEN);
        for (String[] args : new String[][] {{"--node", "Zero_A"}, {"--node", "zero-a/#"}, {"--port", "0"},
                {"--port", "70000"}, {"--bind", "everywhere"}, {"--install-dir", "relative/dir"}}) {
            Outcome o = generate(args);
            assertThat(o.code()).as(String.join(" ", args)).isEqualTo(2);
            assertThat(o.err()).as(String.join(" ", args)).contains(args[0]);
        }
        assertThat(run("mosquitto-config", "--config", config.toString()).code()).isEqualTo(2);
        assertThat(out).doesNotExist();
    }

    @Test
    void aBadConfigurationExits78() throws IOException {
        Files.writeString(config, "cluster: 'no spaces allowed'\n");
        assertThat(generate().code()).isEqualTo(78);
    }

    @Test
    void isListedInTheHelp() {
        assertThat(run("--help").out()).contains("mosquitto-config");
        Outcome help = run("mosquitto-config", "--help");
        assertThat(help.code()).isZero();
        assertThat(help.out()).contains("--out", "--node", "--port", "--bind", "--install-dir");
    }

    @Test
    void theWrittenFilesMakeDebiansMosquittoTheClustersBroker() throws Exception {
        Files.writeString(token, TOKEN);
        int port = MosquittoProcess.freeLoopbackPort();
        Outcome o = generate("--node", "zero-a", "--port", Integer.toString(port), "--bind", "127.0.0.1",
                "--install-dir", out.toString());
        assertThat(o.code()).as(o.err()).isZero();
        assertThat(o.out()).contains("mqtt.url: tcp://127.0.0.1:" + port);
        try (MosquittoProcess broker = MosquittoProcess.start(out, port, dir.resolve("work"))) {
            MqttClient node = new MqttClient(broker.url(), "zero-a", new MemoryPersistence());
            node.setTimeToWait(5000);
            MqttConnectOptions options = new MqttConnectOptions();
            options.setCleanSession(true);
            options.setConnectionTimeout(5);
            options.setUserName("zero-a");
            options.setPassword(Credentials.nodePassword(TOKEN, NodeId.of("zero-a")).toCharArray());
            try {
                node.connect(options);
                assertThat(node.isConnected()).isTrue();
                node.disconnect(0);
            } finally {
                node.close(true);
            }
        }
    }

    private List<String> passwordUsers() throws IOException {
        return Files.readAllLines(out.resolve("zerocluster.passwd")).stream()
                .map(l -> l.substring(0, l.indexOf(':'))).toList();
    }
}
