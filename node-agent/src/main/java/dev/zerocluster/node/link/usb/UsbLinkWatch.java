package dev.zerocluster.node.link.usb;

import dev.zerocluster.core.system.KernelFileReader;
import dev.zerocluster.core.system.SystemRoot;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Notices the USB link being pulled out and plugged in again, and the broker's address changing.
 * A re-plugged gadget is a new network interface (a new {@code ifindex} in sysfs), and a TCP
 * connection over the old one would linger until the MQTT keepalive gave up; so a new interface,
 * or a new gateway under {@code mqtt.url: auto}, drops the connection at once, and the first moment
 * a broker address is known again the node connects. Reading one sysfs file and the route table a
 * few times a second costs next to nothing even on a Zero.
 */
public final class UsbLinkWatch {
    private final Path ifindex;
    private final KernelFileReader reader = new KernelFileReader();
    private final Supplier<Optional<String>> broker;
    private final Runnable pathChanged;
    private final Runnable brokerAppeared;
    private Long lastIndex;
    private Optional<String> lastBroker = Optional.empty();
    private boolean first = true;

    /**
     * @param broker         the broker address as it would be used now (empty: none known)
     * @param pathChanged    the link or the broker's address changed: reconnect
     * @param brokerAppeared an address is known again after none was: connect now
     */
    public UsbLinkWatch(SystemRoot root, UsbLinkConfig config, Supplier<Optional<String>> broker, Runnable pathChanged,
                        Runnable brokerAppeared) {
        this.ifindex = root.path("/sys/class/net/" + config.iface().value() + "/ifindex");
        this.broker = broker;
        this.pathChanged = pathChanged;
        this.brokerAppeared = brokerAppeared;
    }

    /** Call periodically from one thread. */
    public void check() {
        Long index = reader.readLong(ifindex);
        Optional<String> now = index == null ? Optional.empty() : broker.get();
        if (!first) {
            boolean newLink = !Objects.equals(index, lastIndex);
            boolean newBroker = now.isPresent() && lastBroker.isPresent() && !now.equals(lastBroker);
            if (newLink || newBroker) {
                pathChanged.run();
            } else if (now.isPresent() && lastBroker.isEmpty()) {
                brokerAppeared.run();
            }
        }
        lastIndex = index;
        lastBroker = now;
        first = false;
    }
}
