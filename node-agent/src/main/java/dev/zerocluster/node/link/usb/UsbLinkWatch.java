package dev.zerocluster.node.link.usb;

import dev.zerocluster.core.system.KernelFileReader;
import dev.zerocluster.core.system.SystemRoot;
import java.io.File;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * Notices the USB link being pulled out and plugged in again, and the broker's address changing.
 * A re-plugged gadget is a new network interface (a new {@code ifindex} in sysfs), and a TCP
 * connection over the old one would linger until the MQTT keepalive gave up; so a new interface,
 * or a new gateway under {@code mqtt.url: auto}, drops the connection at once, and the first moment
 * a broker address is known again the node connects.
 *
 * <p>It runs several times a second for as long as the node runs, so each check is one small sysfs
 * read (and a {@code stat} first when the link is absent, since a failed open costs an exception).
 * The broker's address (the route table under {@code mqtt.url: auto}) is asked only when the link
 * changed, while none is known, and otherwise once per {@code brokerRecheck}: a new lease's gateway
 * is followed within that, a re-plug still at the next check.
 */
public final class UsbLinkWatch {
    private final Path ifindex;
    private final File ifindexFile;
    private final KernelFileReader reader = new KernelFileReader();
    private final Supplier<Optional<String>> broker;
    private final Runnable pathChanged;
    private final Runnable brokerAppeared;
    private final LongSupplier nanoTime;
    private final long brokerRecheckNanos;
    private Long lastIndex;
    private Optional<String> lastBroker = Optional.empty();
    private long lastBrokerAskNanos;
    private boolean first = true;

    /**
     * @param broker         the broker address as it would be used now (empty: none known)
     * @param pathChanged    the link or the broker's address changed: reconnect
     * @param brokerAppeared an address is known again after none was: connect now
     * @param nanoTime       a monotonic clock ({@code System::nanoTime})
     * @param brokerRecheck  how often a known broker address is asked again while the link stays
     */
    public UsbLinkWatch(SystemRoot root, UsbLinkConfig config, Supplier<Optional<String>> broker, Runnable pathChanged,
                        Runnable brokerAppeared, LongSupplier nanoTime, Duration brokerRecheck) {
        this.ifindex = root.path("/sys/class/net/" + config.iface().value() + "/ifindex");
        this.ifindexFile = ifindex.toFile();
        this.broker = broker;
        this.pathChanged = pathChanged;
        this.brokerAppeared = brokerAppeared;
        this.nanoTime = nanoTime;
        this.brokerRecheckNanos = brokerRecheck.toNanos();
    }

    /** Call periodically from one thread. */
    public void check() {
        Long index = lastIndex != null || ifindexFile.exists() ? reader.readLong(ifindex) : null;
        boolean newLink = !first && !Objects.equals(index, lastIndex);
        Optional<String> now;
        long t = nanoTime.getAsLong();
        if (index == null) {
            now = Optional.empty();
        } else if (first || newLink || lastBroker.isEmpty() || t - lastBrokerAskNanos >= brokerRecheckNanos) {
            now = broker.get();
            lastBrokerAskNanos = t;
        } else {
            now = lastBroker;
        }
        if (!first) {
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
