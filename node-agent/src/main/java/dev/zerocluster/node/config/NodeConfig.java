package dev.zerocluster.node.config;

import dev.zerocluster.core.config.CommonKeys;
import dev.zerocluster.core.config.ConfigReader;
import dev.zerocluster.core.model.NodeId;
import dev.zerocluster.core.mqtt.MqttClientConfig;
import dev.zerocluster.node.health.HealthConfig;
import dev.zerocluster.node.health.LinkReader;
import dev.zerocluster.node.link.serial.SerialLinkConfig;
import dev.zerocluster.node.link.usb.UsbLinkConfig;
import dev.zerocluster.node.tweaks.TweaksConfig;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/** {@code nodeId} empty means {@code auto} (derived from the board serial at start). */
public record NodeConfig(
        String cluster,
        Optional<NodeId> nodeId,
        Path systemRoot,
        MqttClientConfig mqtt,
        HealthConfig health,
        UsbLinkConfig usb,
        SerialLinkConfig serial,
        TweaksConfig tweaks,
        Hostname hostname,
        String sshUser,
        Path stateDir) {

    public static final Path DEFAULT_FILE = Path.of("/etc/zerocluster/node.yaml");
    /** useradd's default NAME_REGEX (Debian adduser.conf), without the trailing '$' for machines. */
    private static final Pattern USER = Pattern.compile("[a-z_][a-z0-9_-]{0,31}");

    /** {@code keep} leaves the hostname alone; {@code id} makes it the node id. */
    public enum Hostname { KEEP, ID }

    /** The links a health report lists: USB and serial, each when enabled. */
    public List<LinkReader.Spec> reportedLinks() {
        List<LinkReader.Spec> links = new ArrayList<>();
        if (usb.enabled()) {
            links.add(new LinkReader.Spec(usb.iface(), "usb"));
        }
        if (serial.enabled()) {
            links.add(new LinkReader.Spec(serial.protocol().iface(), "serial"));
        }
        return List.copyOf(links);
    }

    /** Reads {@code file} (null: defaults only) and the {@code key=value} overrides. */
    public static NodeConfig load(Path file, List<String> overrides) {
        ConfigReader r = ConfigReader.load(file, overrides);
        NodeConfig config = new NodeConfig(
                CommonKeys.cluster(r),
                r.parsed("node.id", Optional.empty(), "auto or " + NodeId.RULE,
                        text -> "auto".equals(text) ? Optional.empty() : Optional.of(NodeId.of(text))),
                CommonKeys.systemRoot(r),
                MqttClientConfig.read(r),
                HealthConfig.read(r),
                UsbLinkConfig.read(r),
                SerialLinkConfig.read(r),
                TweaksConfig.read(r),
                r.choice("node.hostname", Hostname.KEEP),
                r.parsed("ssh.user", "pi", "a Unix user name", text -> {
                    if (!USER.matcher(text).matches()) {
                        throw new IllegalArgumentException();
                    }
                    return text;
                }),
                CommonKeys.path(r, "state.dir", Path.of("/var/lib/zerocluster")));
        r.finish();
        return config;
    }
}
