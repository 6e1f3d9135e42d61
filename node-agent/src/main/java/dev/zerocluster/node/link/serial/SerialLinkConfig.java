package dev.zerocluster.node.link.serial;

import dev.zerocluster.core.config.ConfigReader;
import dev.zerocluster.core.model.Cidr;
import dev.zerocluster.core.model.InterfaceName;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The serial fallback. {@code address} empty means "the address the node has on USB".
 */
public record SerialLinkConfig(boolean enabled, Path device, int baud, Protocol protocol,
                               Optional<Cidr> address) {

    /** The IP link over the serial line: our RFC 1662 framing over TUN, or pppd. */
    public enum Protocol {
        ZCLINK("zcl0"), PPP("ppp0");

        private final String interfaceName;

        Protocol(String interfaceName) {
            this.interfaceName = interfaceName;
        }

        /** The network interface the protocol creates on the node. */
        public InterfaceName iface() {
            return new InterfaceName(interfaceName);
        }
    }

    public static SerialLinkConfig read(ConfigReader r) {
        boolean enabled = r.bool("links.serial.enabled", false);
        Path device = r.parsed("links.serial.device", Path.of("/dev/serial0"), "an absolute device path",
                SerialLinkConfig::devicePath);
        int baud = r.integer("links.serial.baud", 1_000_000, 300, 4_000_000);
        Protocol protocol = r.choice("links.serial.protocol", Protocol.ZCLINK);
        Optional<Cidr> address = r.parsedOptional("links.serial.address", "an address with prefix such as"
                + " 10.42.0.17/24", Cidr::parse);
        return new SerialLinkConfig(enabled, device, baud, protocol, address);
    }

    static Path devicePath(String text) {
        Path p = Path.of(text);
        if (!p.isAbsolute()) {
            throw new IllegalArgumentException("relative paths are not device paths");
        }
        return p;
    }
}
