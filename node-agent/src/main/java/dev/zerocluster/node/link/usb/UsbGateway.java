package dev.zerocluster.node.link.usb;

import dev.zerocluster.core.model.InterfaceName;
import dev.zerocluster.core.model.Ipv4;
import dev.zerocluster.core.system.SystemRoot;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The IPv4 gateway of the USB link: the master, seen from the node. Read from
 * {@code /proc/net/route} (the default route through the link, else any gateway route through it)
 * each time it is asked, so that a new lease with another gateway is followed.
 */
public final class UsbGateway {
    /** RTF_UP | RTF_GATEWAY from include/uapi/linux/route.h. */
    private static final int RTF_UP = 0x1;
    private static final int RTF_GATEWAY = 0x2;

    private final Path routes;
    private final InterfaceName iface;

    public UsbGateway(SystemRoot root, InterfaceName iface) {
        this.routes = root.path("/proc/net/route");
        this.iface = iface;
    }

    public Optional<Ipv4> current() {
        List<String> lines;
        try {
            lines = Files.readAllLines(routes, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            return Optional.empty();
        }
        Ipv4 any = null;
        for (String line : lines.subList(Math.min(1, lines.size()), lines.size())) {
            String[] f = line.trim().split("\\s+");
            if (f.length < 8 || !f[0].equals(iface.value())) {
                continue;
            }
            try {
                int destination = Integer.reverseBytes((int) Long.parseLong(f[1], 16));
                int gateway = Integer.reverseBytes((int) Long.parseLong(f[2], 16));
                int flags = Integer.parseInt(f[3], 16);
                int mask = Integer.reverseBytes((int) Long.parseLong(f[7], 16));
                if ((flags & (RTF_UP | RTF_GATEWAY)) != (RTF_UP | RTF_GATEWAY) || gateway == 0) {
                    continue;
                }
                if (destination == 0 && mask == 0) {
                    return Optional.of(new Ipv4(gateway));
                }
                if (any == null) {
                    any = new Ipv4(gateway);
                }
            } catch (NumberFormatException e) {
                // A line we do not understand says nothing about the gateway.
            }
        }
        return Optional.ofNullable(any);
    }
}
