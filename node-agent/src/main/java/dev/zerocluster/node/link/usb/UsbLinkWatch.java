package dev.zerocluster.node.link.usb;

import dev.zerocluster.core.system.KernelFileReader;
import dev.zerocluster.core.system.SystemRoot;
import java.nio.file.Path;
import java.util.function.BooleanSupplier;

/**
 * Notices the USB link being pulled out and plugged in again. A re-plugged gadget is a new network
 * interface (a new {@code ifindex} in sysfs), and a TCP connection over the old one would linger
 * until the MQTT keepalive gave up; so a change of interface drops the connection at once, and
 * the first moment a broker address is known again, the node connects. Reading one sysfs file a
 * few times a second costs next to nothing even on a Zero.
 */
public final class UsbLinkWatch {
    private final Path ifindex;
    private final KernelFileReader reader = new KernelFileReader();
    private final Runnable linkChanged;
    private final BooleanSupplier brokerKnown;
    private final Runnable brokerAppeared;
    private Long lastIndex;
    private boolean lastKnown;
    private boolean first = true;

    public UsbLinkWatch(SystemRoot root, UsbLinkConfig config, Runnable linkChanged, BooleanSupplier brokerKnown,
                        Runnable brokerAppeared) {
        this.ifindex = root.path("/sys/class/net/" + config.iface().value() + "/ifindex");
        this.linkChanged = linkChanged;
        this.brokerKnown = brokerKnown;
        this.brokerAppeared = brokerAppeared;
    }

    /** Call periodically from one thread. */
    public void check() {
        Long index = reader.readLong(ifindex);
        if (!first && !java.util.Objects.equals(index, lastIndex)) {
            linkChanged.run();
        }
        lastIndex = index;
        boolean known = index != null && brokerKnown.getAsBoolean();
        if (known && !lastKnown && !first) {
            brokerAppeared.run();
        }
        lastKnown = known;
        first = false;
    }
}
