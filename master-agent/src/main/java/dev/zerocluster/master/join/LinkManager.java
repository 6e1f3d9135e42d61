package dev.zerocluster.master.join;

import dev.zerocluster.core.model.InterfaceName;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Notices node links by name ({@code links.usb.interfaces}) from kernel link events and makes
 * each a port of the bridge. A port that goes down or away is reported, so that the node behind it
 * leaves the outputs at once rather than after its MQTT keepalive.
 */
public final class LinkManager implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LinkManager.class);

    private final JoinConfig config;
    private final BridgeNetwork bridge;
    private final LinkMonitor monitor;
    private final Consumer<String> portGone;
    private final Map<String, Long> ports = new ConcurrentHashMap<>();
    private final Map<String, Boolean> up = new ConcurrentHashMap<>();
    private volatile Consumer<String> portJoined = name -> { };

    public LinkManager(JoinConfig config, BridgeNetwork bridge, LinkMonitor monitor, Consumer<String> portGone) {
        this.config = config;
        this.bridge = bridge;
        this.monitor = monitor;
        this.portGone = portGone;
    }

    /** Told the name of each link as it becomes a bridge port (for measurements and logs). */
    public void onPortJoined(Consumer<String> listener) {
        this.portJoined = listener;
    }

    public void start() {
        monitor.start(this::onEvent);
    }

    public boolean isPort(String name) {
        return ports.containsKey(name);
    }

    void onEvent(LinkEvent e) {
        if (!matches(e.name())) {
            return;
        }
        if (e.kind() == LinkEvent.Kind.REMOVED) {
            up.remove(e.name());
            if (ports.remove(e.name()) != null) {
                LOG.info("node link {} removed", e.name());
                portGone.accept(e.name());
            }
            return;
        }
        if (!config.bridge().value().equals(e.master())) {
            long start = System.nanoTime();
            try {
                bridge.enslave(e.name());
            } catch (IOException ex) {
                LOG.warn("cannot add {} to {}: {}", e.name(), config.bridge(), ex.getMessage());
                return;
            }
            ports.put(e.name(), System.nanoTime());
            LOG.info("node link {} joined {} in {} ms", e.name(), config.bridge(), (System.nanoTime() - start) / 1_000_000);
            portJoined.accept(e.name());
            return;
        }
        ports.putIfAbsent(e.name(), System.nanoTime());
        Boolean wasUp = up.put(e.name(), e.up());
        if (Boolean.TRUE.equals(wasUp) && !e.up()) {
            // Carrier lost: the cable is out even if the interface is not gone yet.
            LOG.info("node link {} is down", e.name());
            portGone.accept(e.name());
        }
    }

    private boolean matches(String name) {
        if (!InterfaceName.isValid(name) || name.equals(config.bridge().value()) || name.equals(config.uplink().value())) {
            return false;
        }
        for (String pattern : config.interfacePatterns()) {
            if (InterfaceName.matches(pattern, name)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void close() {
        monitor.close();
    }
}
