package dev.zerocluster.node.link.usb;

import dev.zerocluster.core.system.CommandRunner;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code links.usb.addressing: static}: the agent gives the USB link its address and the default
 * route through the master itself, and does so again whenever the link comes back without them
 * (a re-plugged gadget is a new interface). {@code ip … replace} makes each call idempotent.
 */
public final class StaticAddressing {
    private static final Logger LOG = LoggerFactory.getLogger(StaticAddressing.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private final UsbLinkConfig config;
    private final CommandRunner commands;
    private boolean applied;

    public StaticAddressing(UsbLinkConfig config, CommandRunner commands) {
        this.config = config;
        this.commands = commands;
    }

    /** Applies address and route if the link exists and lacks them; call periodically. */
    public synchronized void ensure() {
        String iface = config.iface().value();
        try {
            CommandRunner.Result show = commands.run(List.of("ip", "-4", "-o", "addr", "show", "dev", iface), TIMEOUT);
            if (!show.ok()) {
                if (applied) {
                    LOG.info("{} is gone; its address returns with it", iface);
                }
                applied = false;
                return;
            }
            String want = config.address().orElseThrow().toString();
            if (show.stdout().contains(" " + want + " ")) {
                applied = true;
                return;
            }
            run("ip", "addr", "replace", want, "dev", iface);
            run("ip", "link", "set", "dev", iface, "up");
            run("ip", "route", "replace", "default", "via", config.gateway().orElseThrow().toString(), "dev", iface);
            applied = true;
            LOG.info("{} set to {} via {}", iface, want, config.gateway().orElseThrow());
        } catch (IOException e) {
            LOG.warn("cannot set {}: {}", iface, e.getMessage());
        }
    }

    private void run(String... argv) throws IOException {
        CommandRunner.Result r = commands.run(List.of(argv), TIMEOUT);
        if (!r.ok()) {
            throw new IOException(String.join(" ", argv) + ": " + r.stderr().strip());
        }
    }
}
