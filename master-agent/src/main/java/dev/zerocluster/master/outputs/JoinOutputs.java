package dev.zerocluster.master.outputs;

import dev.zerocluster.core.system.AtomicFile;
import dev.zerocluster.core.system.SystemRoot;
import dev.zerocluster.master.registry.NodeView;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The MPI machinefile ({@code mpi.machinefile}, MPICH's {@code host:cores}, the master first when
 * {@code mpi.include-master}, then the online nodes sorted by id) and the hosts table
 * ({@code hosts.file}, {@code <ip> <name>}: the master's bridge address with its host name, then
 * each online node's address with its id; dnsmasq serves these names to the nodes). Both are
 * rewritten atomically, and only when their content changes.
 */
public final class JoinOutputs {
    private static final Logger LOG = LoggerFactory.getLogger(JoinOutputs.class);

    private final OutputsConfig config;
    private final Supplier<List<NodeView>> nodes;
    private final String masterName;
    private final String masterAddress;
    private final int masterCores;
    private final Runnable hostsChanged;
    private String lastMachinefile;
    private String lastHosts;

    public JoinOutputs(OutputsConfig config, Supplier<List<NodeView>> nodes, String masterName, String masterAddress,
                       int masterCores, Runnable hostsChanged) {
        this.config = config;
        this.nodes = nodes;
        this.masterName = masterName;
        this.masterAddress = masterAddress;
        this.masterCores = masterCores;
        this.hostsChanged = hostsChanged;
    }

    /** The master's host name from {@code /proc/sys/kernel/hostname}, else {@code master}. */
    public static String hostName(SystemRoot root) {
        try {
            String name = Files.readString(root.path("/proc/sys/kernel/hostname"), StandardCharsets.US_ASCII).strip();
            return name.matches("[A-Za-z0-9][A-Za-z0-9.-]{0,62}") ? name : "master";
        } catch (IOException e) {
            return "master";
        }
    }

    /** Rewrites whichever file changed; safe to call after every registry change. */
    public synchronized void refresh() {
        List<NodeView> usable = new ArrayList<>();
        for (NodeView n : nodes.get()) {
            if ("online".equals(n.state()) && n.address() != null) {
                usable.add(n);
            }
        }
        usable.sort(Comparator.comparing(NodeView::id));
        StringBuilder machinefile = new StringBuilder();
        if (config.includeMaster()) {
            machinefile.append(masterName).append(':').append(masterCores).append('\n');
        }
        StringBuilder hosts = new StringBuilder();
        hosts.append(masterAddress).append(' ').append(masterName).append('\n');
        for (NodeView n : usable) {
            Integer cores = n.health() == null ? null : n.health().cpuCount();
            machinefile.append(n.id()).append(':').append(cores == null || cores < 1 ? 1 : cores).append('\n');
            hosts.append(n.address()).append(' ').append(n.id()).append('\n');
        }
        String m = machinefile.toString();
        String h = hosts.toString();
        try {
            if (!Objects.equals(m, lastMachinefile)) {
                write(config.machinefile(), m);
                lastMachinefile = m;
            }
            if (!Objects.equals(h, lastHosts)) {
                write(config.hostsFile(), h);
                lastHosts = h;
                hostsChanged.run();
            }
        } catch (IOException e) {
            LOG.warn("cannot write the join outputs: {}", e.getMessage());
        }
    }

    private static void write(Path file, String content) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        if (dir != null) {
            Files.createDirectories(dir);
        }
        AtomicFile.write(file, content.getBytes(StandardCharsets.UTF_8), null);
    }
}
