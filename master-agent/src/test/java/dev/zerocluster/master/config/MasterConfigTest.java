package dev.zerocluster.master.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zerocluster.core.config.ConfigException;
import dev.zerocluster.core.model.Cidr;
import dev.zerocluster.core.model.InterfaceName;
import dev.zerocluster.master.broker.BrokerConfig;
import dev.zerocluster.master.dashboard.HttpConfig;
import dev.zerocluster.master.join.JoinConfig;
import dev.zerocluster.master.link.serial.SerialPortConfig;
import dev.zerocluster.master.outputs.OutputsConfig;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MasterConfigTest {
    static final Path PACKAGED = Path.of("../config/master.yaml");

    @TempDir
    Path dir;

    @Test
    void defaultsAreThoseOfTheSpec() {
        MasterConfig c = MasterConfig.load(null, List.of());
        assertThat(c.cluster()).isEqualTo("default");
        assertThat(c.systemRoot()).isEqualTo(Path.of("/"));
        assertThat(c.broker()).isEqualTo(new BrokerConfig(true, 1883, "0.0.0.0", Optional.empty(),
                Path.of("/etc/zerocluster/join-token"), false));
        assertThat(c.stateDir()).isEqualTo(Path.of("/var/lib/zerocluster"));
        assertThat(c.http()).isEqualTo(new HttpConfig(8080, "0.0.0.0"));
        assertThat(c.join()).isEqualTo(new JoinConfig(List.of("usb*", "enx*", "ethpi*"), new InterfaceName("zc0"),
                Cidr.parse("10.42.0.1/24"), new InterfaceName("eth0"), true, true));
        assertThat(c.serialPorts()).isEmpty();
        assertThat(c.outputs()).isEqualTo(new OutputsConfig(Path.of("/etc/zerocluster/machinefile"), true,
                Path.of("/etc/zerocluster/hosts")));
        assertThat(c.sshPublicKey()).isEqualTo(Path.of("/home/pi/.ssh/id_rsa.pub"));
        assertThat(c.registry().offlineAfter()).isEmpty();
    }

    @Test
    void thePackagedFileIsTheDefaults() {
        assertThat(MasterConfig.load(PACKAGED, List.of())).isEqualTo(MasterConfig.load(null, List.of()));
    }

    @Test
    void serialPortsOfBothKinds() throws IOException {
        Path f = dir.resolve("master.yaml");
        Files.writeString(f, String.join("\n",
                "links:",
                "  serial:",
                "    ports:",
                "      - device: /dev/ttyAMA0",
                "        baud: 1000000",
                "      - max3109: {spi-bus: 0, chip-select: 1, channel: 1, crystal-hz: 4000000, irq-gpio: 25}",
                "        baud: 115200",
                "        protocol: ppp",
                "nodes.offline-after: 45s",
                ""));
        MasterConfig c = MasterConfig.load(f, List.of());
        assertThat(c.serialPorts()).containsExactly(
                new SerialPortConfig(Optional.of(Path.of("/dev/ttyAMA0")), Optional.empty(), 1_000_000,
                        SerialPortConfig.Protocol.ZCLINK),
                new SerialPortConfig(Optional.empty(), Optional.of(new SerialPortConfig.Max3109Port(0, 1, 1,
                        4_000_000, Optional.of(25))), 115200, SerialPortConfig.Protocol.PPP));
        assertThat(c.registry().offlineAfter()).contains(Duration.ofSeconds(45));
    }

    @Test
    void aPortWithBothOrNeitherIsRefused() throws IOException {
        Path f = dir.resolve("master.yaml");
        Files.writeString(f, "links.serial.ports:\n  - baud: 9600\n  - device: /dev/ttyS0\n    max3109: {channel: 0}\n");
        assertThatThrownBy(() -> MasterConfig.load(f, List.of())).isInstanceOf(ConfigException.class)
                .hasMessageContaining("line 2").hasMessageContaining("exactly one of them");
        Files.writeString(f, "links.serial.ports:\n  - device: /dev/ttyS0\n    speed: 9600\n");
        assertThatThrownBy(() -> MasterConfig.load(f, List.of())).hasMessageContaining("line 3: unknown key"
                + " 'links.serial.ports[0].speed'");
    }

    @Test
    void anExternalBrokerNeedsItsUrl() {
        assertThatThrownBy(() -> MasterConfig.load(null, List.of("mqtt.embedded.enabled=false")))
                .hasMessageContaining("needs mqtt.url");
        assertThatThrownBy(() -> MasterConfig.load(null, List.of("mqtt.url=tcp://127.0.0.1:1883")))
                .hasMessageContaining("used only with mqtt.embedded.enabled: false");
        MasterConfig c = MasterConfig.load(null, List.of("mqtt.embedded.enabled=false", "mqtt.url=tcp://127.0.0.1"));
        assertThat(c.broker().url()).contains(URI.create("tcp://127.0.0.1:1883"));
    }

    @Test
    void badValuesAreRefusedWithTheirKey() {
        String[][] cases = {
            {"network.address=10.42.0.0/24", "'network.address'"},
            {"network.address=10.42.0.1/31", "'network.address'"},
            {"network.address=10.42.0.1", "'network.address'"},
            {"network.bridge=br 0", "'network.bridge'"},
            {"network.uplink=zc0", "'network.uplink'"},
            {"links.usb.interfaces=[usb/*]", "'links.usb.interfaces[0]'"},
            {"links.usb.interfaces=usb*", "'links.usb.interfaces'"},
            {"http.port=0", "'http.port'"},
            {"http.bind=localhost", "'http.bind'"},
            {"mqtt.embedded.port=65536", "'mqtt.embedded.port'"},
            {"nodes.offline-after=never", "'nodes.offline-after'"},
        };
        for (String[] c : cases) {
            assertThatThrownBy(() -> MasterConfig.load(null, List.of(c[0]))).as(c[0])
                    .isInstanceOf(ConfigException.class).hasMessageContaining(c[1]);
        }
    }
}
