package dev.zerocluster.master.join;

import dev.zerocluster.core.config.ConfigReader;
import dev.zerocluster.core.model.Cidr;
import dev.zerocluster.core.model.InterfaceName;
import java.util.List;

/** {@code address} is the master's own address on the bridge; nodes get the rest of its subnet. */
public record JoinConfig(List<String> interfacePatterns, InterfaceName bridge, Cidr address, InterfaceName uplink,
                         boolean nat, boolean dhcp) {

    public static JoinConfig read(ConfigReader r) {
        List<String> patterns = r.list("links.usb.interfaces", List.of("usb*", "enx*", "ethpi*"),
                "interface name patterns such as usb*", InterfaceName::parsePattern);
        InterfaceName bridge = r.parsed("network.bridge", new InterfaceName("zc0"), "an interface name",
                InterfaceName::parse);
        Cidr address = r.parsed("network.address", Cidr.parse("10.42.0.1/24"), "an address with prefix such as"
                + " 10.42.0.1/24", Cidr::parse);
        if (address.prefixLength() > 29) {
            throw r.error("network.address", "a /" + address.prefixLength() + " leaves no addresses for nodes;"
                    + " use /29 or wider");
        }
        if (address.address().equals(address.network()) || address.address().equals(address.broadcast())) {
            throw r.error("network.address", address + " is the network or broadcast address of its subnet;"
                    + " give the master's own address, such as " + new Cidr(
                    new dev.zerocluster.core.model.Ipv4(address.network().bits() + 1), address.prefixLength()));
        }
        InterfaceName uplink = r.parsed("network.uplink", new InterfaceName("eth0"), "an interface name",
                InterfaceName::parse);
        boolean nat = r.bool("network.nat", true);
        boolean dhcp = r.bool("network.dhcp", true);
        if (uplink.equals(bridge)) {
            throw r.error("network.uplink", "the uplink cannot be the bridge " + bridge);
        }
        return new JoinConfig(patterns, bridge, address, uplink, nat, dhcp);
    }
}
