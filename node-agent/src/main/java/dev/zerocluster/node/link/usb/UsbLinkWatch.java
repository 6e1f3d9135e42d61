package dev.zerocluster.node.link.usb;

import dev.zerocluster.core.system.KernelFile;
import dev.zerocluster.core.system.KernelFileReader;
import dev.zerocluster.core.system.SystemRoot;
import java.io.File;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Notices the USB link being pulled out and plugged in again, and the broker's address changing.
 * A re-plugged gadget is a new network interface (a new {@code ifindex} in sysfs), and a TCP
 * connection over the old one would linger until the MQTT keepalive gave up; so a new interface,
 * or a new gateway under {@code mqtt.url: auto}, drops the connection at once, and the first moment
 * a broker address is known again the node connects.
 *
 * <p>It runs for as long as the node runs, and on a Zero every wake-up of the agent costs (a few
 * tenths of a millisecond of CPU each on the development machine, docs/performance.md), so it looks
 * often only when something is expected to happen: every {@code joining} interval while the link
 * is absent, has no broker address yet or just changed, and every {@code settled} interval while
 * the link is there with a broker address. A re-plug is then noticed within {@code settled} (and
 * the next checks are quick again), well inside the 3 s join budget. While the link is there, a
 * check is one read of its {@code ifindex}, kept open ({@link KernelFile}): an unplugged
 * gadget's attribute answers ENODEV, and the name is opened afresh, so a re-plug is read from the
 * new interface. Opening the file for every check cost about a tenth of a report's CPU on the
 * development machine (docs/performance.md, "Node footprint", session 5). While the link is
 * absent, a {@code stat} comes first, since a failed open costs an exception. The broker address
 * (the route table under {@code mqtt.url: auto}) is asked only while the link is there, so a new
 * lease's gateway is followed within {@code settled}.
 */
public final class UsbLinkWatch implements AutoCloseable {
    /** No link: an ifindex is positive (net/core/dev.c, dev_index_reserve). */
    private static final long ABSENT = -1;

    private final KernelFile ifindex;
    private final File ifindexFile;
    private final KernelFileReader reader = new KernelFileReader();
    private final Supplier<Optional<String>> broker;
    private final Runnable pathChanged;
    private final Runnable brokerAppeared;
    private final long joiningNanos;
    private final long settledNanos;
    /** The link's ifindex at the last check, or {@link #ABSENT}. */
    private long lastIndex = ABSENT;
    private Optional<String> lastBroker = Optional.empty();
    private boolean first = true;

    /**
     * @param broker         the broker address as it would be used now (empty: none known)
     * @param pathChanged    the link or the broker's address changed: reconnect
     * @param brokerAppeared an address is known again after none was: connect now
     * @param joining        how soon to look again while the link is absent, unaddressed or changing
     * @param settled        how soon to look again while the link is there with a broker address
     */
    public UsbLinkWatch(SystemRoot root, UsbLinkConfig config, Supplier<Optional<String>> broker, Runnable pathChanged,
                        Runnable brokerAppeared, Duration joining, Duration settled) {
        this.ifindex = new KernelFile(root.path("/sys/class/net/" + config.iface().value() + "/ifindex"));
        this.ifindexFile = ifindex.path().toFile();
        this.broker = broker;
        this.pathChanged = pathChanged;
        this.brokerAppeared = brokerAppeared;
        this.joiningNanos = joining.toNanos();
        this.settledNanos = settled.toNanos();
    }

    /**
     * Looks once; returns how soon to look again, in nanoseconds: the {@code settled} or the
     * {@code joining} interval. Call from one thread. Primitives and identity checks before
     * {@code equals}: it runs every second for as long as the node runs, and the boxes' and
     * {@code Optional}'s methods are compiled early in the JVM's life, each on a code page of its
     * own (docs/performance.md, "Node footprint").
     */
    public long check() {
        long index = lastIndex != ABSENT || ifindexFile.exists() ? reader.readLong(ifindex, ABSENT) : ABSENT;
        Optional<String> now = index == ABSENT ? Optional.empty() : broker.get();
        boolean changed = false;
        if (!first) {
            boolean newLink = index != lastIndex;
            boolean newBroker = now.isPresent() && lastBroker.isPresent() && now != lastBroker
                    && !now.get().equals(lastBroker.get());
            if (newLink || newBroker) {
                pathChanged.run();
                changed = true;
            } else if (now.isPresent() && lastBroker.isEmpty()) {
                brokerAppeared.run();
                changed = true;
            }
        }
        lastIndex = index;
        lastBroker = now;
        first = false;
        return index != ABSENT && now.isPresent() && !changed ? settledNanos : joiningNanos;
    }

    /** Closes the kept {@code ifindex}; on the thread that checks, once it checks no more. */
    @Override
    public void close() {
        ifindex.close();
    }
}
