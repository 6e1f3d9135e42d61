package dev.zerocluster.node.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zerocluster.core.config.ConfigException;
import dev.zerocluster.core.model.Cidr;
import dev.zerocluster.core.model.InterfaceName;
import dev.zerocluster.core.model.Ipv4;
import dev.zerocluster.core.model.NodeId;
import dev.zerocluster.core.mqtt.MqttClientConfig;
import dev.zerocluster.node.link.serial.SerialLinkConfig;
import dev.zerocluster.node.link.usb.UsbLinkConfig;
import dev.zerocluster.node.tweaks.TweaksConfig;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NodeConfigTest {
    /** The packaged file, which must list every key with its default. */
    static final Path PACKAGED = Path.of("../config/node.yaml");

    @TempDir
    Path dir;

    @Test
    void defaultsAreThoseOfTheSpec() {
        NodeConfig c = NodeConfig.load(null, List.of());
        assertThat(c.cluster()).isEqualTo("default");
        assertThat(c.nodeId()).isEmpty();
        assertThat(c.systemRoot()).isEqualTo(Path.of("/"));
        assertThat(c.mqtt()).isEqualTo(new MqttClientConfig(Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.of(Path.of("/etc/zerocluster/join-token")), Duration.ofSeconds(10)));
        assertThat(c.health().interval()).isEqualTo(Duration.ofSeconds(10));
        assertThat(c.usb()).isEqualTo(new UsbLinkConfig(true, new InterfaceName("usb0"), UsbLinkConfig.Addressing.OS,
                Optional.empty(), Optional.empty()));
        assertThat(c.serial()).isEqualTo(new SerialLinkConfig(false, Path.of("/dev/serial0"), 1_000_000,
                SerialLinkConfig.Protocol.ZCLINK, Optional.empty()));
        assertThat(c.tweaks()).isEqualTo(new TweaksConfig(TweaksConfig.Setting.OFF, TweaksConfig.Setting.OFF));
        assertThat(c.hostname()).isEqualTo(NodeConfig.Hostname.KEEP);
        assertThat(c.sshUser()).isEqualTo("pi");
        assertThat(c.stateDir()).isEqualTo(Path.of("/var/lib/zerocluster"));
    }

    @Test
    void thePackagedFileIsTheDefaultsButTheHostname() {
        NodeConfig packaged = NodeConfig.load(PACKAGED, List.of());
        NodeConfig defaults = NodeConfig.load(null, List.of("node.hostname=id"));
        assertThat(packaged).isEqualTo(defaults);
        assertThat(packaged.hostname()).isEqualTo(NodeConfig.Hostname.ID);
    }

    @Test
    void everyKeyIsRead() throws IOException {
        Path f = dir.resolve("node.yaml");
        Files.writeString(f, String.join("\n",
                "cluster: lab-1",
                "node: {id: zero-0001, hostname: id}",
                "system.root: " + dir,
                "mqtt:",
                "  url: ssl://master.local",
                "  username: zero-0001",
                "  password-file: /etc/zerocluster/password",
                "  join-token-file: /etc/zc/token",
                "  keepalive: 30s",
                "health.interval: 2s",
                "links:",
                "  usb: {enabled: true, interface: usb1, addressing: static, address: 10.42.0.17/24, gateway: 10.42.0.1}",
                "  serial: {enabled: true, device: /dev/ttyAMA0, baud: 115200, protocol: ppp, address: 10.42.0.17/24}",
                "tweaks: {hdmi: keep, act-led: on}",
                "ssh.user: alarm",
                "state.dir: /tmp/zc-state",
                ""));
        NodeConfig c = NodeConfig.load(f, List.of());
        assertThat(c.cluster()).isEqualTo("lab-1");
        assertThat(c.nodeId()).contains(NodeId.of("zero-0001"));
        assertThat(c.systemRoot()).isEqualTo(dir);
        assertThat(c.mqtt().url()).contains(URI.create("ssl://master.local:8883"));
        assertThat(c.mqtt().username()).contains("zero-0001");
        assertThat(c.mqtt().passwordFile()).contains(Path.of("/etc/zerocluster/password"));
        assertThat(c.mqtt().joinTokenFile()).contains(Path.of("/etc/zc/token"));
        assertThat(c.mqtt().keepalive()).isEqualTo(Duration.ofSeconds(30));
        assertThat(c.health().interval()).isEqualTo(Duration.ofSeconds(2));
        assertThat(c.usb()).isEqualTo(new UsbLinkConfig(true, new InterfaceName("usb1"),
                UsbLinkConfig.Addressing.STATIC, Optional.of(Cidr.parse("10.42.0.17/24")),
                Optional.of(Ipv4.parse("10.42.0.1"))));
        assertThat(c.serial()).isEqualTo(new SerialLinkConfig(true, Path.of("/dev/ttyAMA0"), 115200,
                SerialLinkConfig.Protocol.PPP, Optional.of(Cidr.parse("10.42.0.17/24"))));
        assertThat(c.tweaks()).isEqualTo(new TweaksConfig(TweaksConfig.Setting.KEEP, TweaksConfig.Setting.ON));
        assertThat(c.hostname()).isEqualTo(NodeConfig.Hostname.ID);
        assertThat(c.sshUser()).isEqualTo("alarm");
        assertThat(c.stateDir()).isEqualTo(Path.of("/tmp/zc-state"));
    }

    @Test
    void staticAddressingNeedsAddressAndGatewayInOneSubnet() {
        assertThatThrownBy(() -> NodeConfig.load(null, List.of("links.usb.addressing=static")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("needs links.usb.address");
        assertThatThrownBy(() -> NodeConfig.load(null, List.of("links.usb.addressing=static",
                "links.usb.address=10.42.0.17/24", "links.usb.gateway=10.43.0.1")))
                .hasMessageContaining("gateway 10.43.0.1 is outside links.usb.address 10.42.0.17/24");
        assertThatThrownBy(() -> NodeConfig.load(null, List.of("links.usb.gateway=10.42.0.1")))
                .hasMessageContaining("used only with links.usb.addressing: static");
    }

    @Test
    void badValuesAreRefusedWithTheirKey() {
        String[][] cases = {
            {"mqtt.url=http://x:1883", "'mqtt.url'"},
            {"mqtt.url=tcp://x:1883/path", "'mqtt.url'"},
            {"mqtt.keepalive=100ms", "'mqtt.keepalive'"},
            {"links.usb.interface=usb0/../x", "'links.usb.interface'"},
            {"links.usb.interface=averyveryverylongname", "'links.usb.interface'"},
            {"links.serial.device=ttyAMA0", "'links.serial.device'"},
            {"links.serial.baud=12", "'links.serial.baud'"},
            {"links.serial.protocol=slip", "'links.serial.protocol'"},
            {"tweaks.hdmi=dim", "'tweaks.hdmi'"},
            {"node.hostname=yes", "'node.hostname'"},
            {"ssh.user=root;rm", "'ssh.user'"},
            {"cluster=a/b", "'cluster'"},
            {"system.root=/does/not/exist", "'system.root'"},
            {"health.interval=50ms", "'health.interval'"},
        };
        for (String[] c : cases) {
            assertThatThrownBy(() -> NodeConfig.load(null, List.of(c[0]))).as(c[0])
                    .isInstanceOf(ConfigException.class).hasMessageContaining(c[1]);
        }
    }
}
