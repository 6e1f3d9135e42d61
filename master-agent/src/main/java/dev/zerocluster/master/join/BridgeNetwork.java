package dev.zerocluster.master.join;

import dev.zerocluster.core.system.AtomicFile;
import dev.zerocluster.core.system.CommandRunner;
import dev.zerocluster.core.system.SystemRoot;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bridge the node links join ({@code network.bridge} with {@code network.address}), and NAT
 * with forwarding to {@code network.uplink} ({@code network.nat}). Everything through {@code ip}
 * and {@code nft} from argument lists. The NAT rules live in a table of their own,
 * {@code ip zerocluster}, so they are added once, replaced whole after a crash, and removed on
 * shutdown without touching anyone else's rules.
 */
public final class BridgeNetwork {
    private static final Logger LOG = LoggerFactory.getLogger(BridgeNetwork.class);
    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(5);
    static final String NAT_TABLE = "zerocluster";

    private final JoinConfig config;
    private final CommandRunner commands;
    private final SystemRoot root;
    private final Path stateDir;
    private boolean natInstalled;

    public BridgeNetwork(JoinConfig config, CommandRunner commands, SystemRoot root, Path stateDir) {
        this.config = config;
        this.commands = commands;
        this.root = root;
        this.stateDir = stateDir;
    }

    /** Creates the bridge if needed, gives it the master's address and brings it up. */
    public void setUp() throws IOException {
        String bridge = config.bridge().value();
        CommandRunner.Result show = commands.run(List.of("ip", "link", "show", "dev", bridge), COMMAND_TIMEOUT);
        if (!show.ok()) {
            run("ip", "link", "add", "name", bridge, "type", "bridge", "stp_state", "0", "forward_delay", "0");
        }
        run("ip", "addr", "replace", config.address().toString(), "dev", bridge);
        run("ip", "link", "set", "dev", bridge, "up");
        if (config.nat()) {
            enableNat();
        }
    }

    /** Makes {@code iface} a port of the bridge and brings it up. */
    public void enslave(String iface) throws IOException {
        run("ip", "link", "set", "dev", iface, "master", config.bridge().value());
        run("ip", "link", "set", "dev", iface, "up");
    }

    private void enableNat() throws IOException {
        // Per network namespace; what a router needs whatever the distribution's default.
        Path forwarding = root.path("/proc/sys/net/ipv4/ip_forward");
        Files.writeString(forwarding, "1\n", StandardCharsets.US_ASCII);
        String subnet = config.address().network() + "/" + config.address().prefixLength();
        String bridge = config.bridge().value();
        String uplink = config.uplink().value();
        String rules = String.join("\n",
                "# Written by zc-master: NAT for the node links. Replaced whole at every start.",
                "add table ip " + NAT_TABLE,
                "delete table ip " + NAT_TABLE,
                "table ip " + NAT_TABLE + " {",
                "  chain postrouting {",
                "    type nat hook postrouting priority srcnat; policy accept;",
                "    ip saddr " + subnet + " oifname \"" + uplink + "\" masquerade",
                "  }",
                "  chain forward {",
                "    type filter hook forward priority filter; policy accept;",
                "    iifname \"" + bridge + "\" oifname \"" + uplink + "\" accept",
                "    iifname \"" + uplink + "\" oifname \"" + bridge + "\" ct state established,related accept",
                "  }",
                "}",
                "");
        Path file = stateDir.resolve("nat.nft");
        AtomicFile.write(file, rules.getBytes(StandardCharsets.UTF_8), null);
        run("nft", "-f", file.toString());
        natInstalled = true;
        LOG.info("NAT from {} to {} through nft table ip {}", subnet, uplink, NAT_TABLE);
    }

    /** Removes the NAT rules; the bridge stays, with whatever is plugged into it. */
    public void tearDown() {
        if (!natInstalled) {
            return;
        }
        try {
            CommandRunner.Result r = commands.run(List.of("nft", "delete", "table", "ip", NAT_TABLE), COMMAND_TIMEOUT);
            if (!r.ok()) {
                LOG.warn("nft delete table ip {} failed: {}", NAT_TABLE, r.stderr().strip());
            }
        } catch (IOException e) {
            LOG.warn("cannot run nft: {}", e.getMessage());
        }
        natInstalled = false;
    }

    private void run(String... argv) throws IOException {
        CommandRunner.Result r = commands.run(List.of(argv), COMMAND_TIMEOUT);
        if (!r.ok()) {
            throw new IOException(String.join(" ", argv) + " failed" + (r.timedOut() ? " (timed out)" : ": "
                    + r.stderr().strip()));
        }
    }
}
