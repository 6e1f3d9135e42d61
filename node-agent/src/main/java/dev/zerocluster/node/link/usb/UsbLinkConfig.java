package dev.zerocluster.node.link.usb;

import dev.zerocluster.core.config.ConfigReader;
import dev.zerocluster.core.model.Cidr;
import dev.zerocluster.core.model.InterfaceName;
import dev.zerocluster.core.model.Ipv4;
import java.util.Optional;

/** {@code address} and {@code gateway} are present exactly when {@code addressing} is static. */
public record UsbLinkConfig(boolean enabled, InterfaceName iface, Addressing addressing,
                            Optional<Cidr> address, Optional<Ipv4> gateway) {

    /** {@code os}: the OS's DHCP client configures the link; {@code static}: the agent does. */
    public enum Addressing { OS, STATIC }

    public static UsbLinkConfig read(ConfigReader r) {
        boolean enabled = r.bool("links.usb.enabled", true);
        InterfaceName iface = r.parsed("links.usb.interface", new InterfaceName("usb0"), "an interface name",
                InterfaceName::parse);
        Addressing addressing = r.choice("links.usb.addressing", Addressing.OS);
        Optional<Cidr> address = r.parsedOptional("links.usb.address", "an address with prefix such as"
                + " 10.42.0.17/24", Cidr::parse);
        Optional<Ipv4> gateway = r.parsedOptional("links.usb.gateway", "an IPv4 address", Ipv4::parse);
        if (addressing == Addressing.STATIC) {
            if (address.isEmpty()) {
                throw r.error("links.usb.addressing", "static addressing needs links.usb.address (CIDR)");
            }
            if (gateway.isEmpty()) {
                throw r.error("links.usb.addressing", "static addressing needs links.usb.gateway");
            }
            if (!address.get().contains(gateway.get())) {
                throw r.error("links.usb.gateway", "gateway " + gateway.get() + " is outside links.usb.address "
                        + address.get());
            }
        } else if (address.isPresent() || gateway.isPresent()) {
            throw r.error(address.isPresent() ? "links.usb.address" : "links.usb.gateway",
                    "used only with links.usb.addressing: static");
        }
        return new UsbLinkConfig(enabled, iface, addressing, address, gateway);
    }
}
