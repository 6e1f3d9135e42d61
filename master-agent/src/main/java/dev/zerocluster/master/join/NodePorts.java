package dev.zerocluster.master.join;

import com.fasterxml.jackson.databind.JsonNode;
import dev.zerocluster.core.model.Json;
import dev.zerocluster.core.model.NodeId;
import dev.zerocluster.core.system.CommandRunner;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Which bridge port each node is plugged into: its MAC (from the DHCP reservations, by its address)
 * looked up in the bridge's forwarding database ({@code bridge -j fdb show br <bridge>}). Learned
 * while the node is online, since a port's entries vanish with the port.
 */
public final class NodePorts {
    private final String bridge;
    private final CommandRunner commands;
    private final Function<String, String> macOfAddress;
    private final Map<NodeId, String> portOf = new ConcurrentHashMap<>();

    public NodePorts(String bridge, CommandRunner commands, Function<String, String> macOfAddress) {
        this.bridge = bridge;
        this.commands = commands;
        this.macOfAddress = macOfAddress;
    }

    /** Finds the port of {@code node} at {@code address}; false when not (yet) known. */
    public boolean learn(NodeId node, String address) {
        String mac = macOfAddress.apply(address);
        if (mac == null) {
            // A node with a static address has no lease: ask the neighbour table.
            mac = neighbourMac(address);
        }
        if (mac == null) {
            return false;
        }
        Optional<String> port = portOfMac(mac);
        port.ifPresent(p -> portOf.put(node, p));
        return port.isPresent();
    }

    public boolean knows(NodeId node) {
        return portOf.containsKey(node);
    }

    /** The nodes behind {@code port}, forgotten as they are returned. */
    public List<NodeId> takeNodesOn(String port) {
        List<NodeId> nodes = portOf.entrySet().stream().filter(e -> e.getValue().equals(port)).map(Map.Entry::getKey)
                .toList();
        nodes.forEach(portOf::remove);
        return nodes;
    }

    private String neighbourMac(String address) {
        try {
            CommandRunner.Result r = commands.run(List.of("ip", "-j", "neigh", "show", "to", address, "dev", bridge),
                    Duration.ofSeconds(3));
            if (r.ok()) {
                for (JsonNode entry : Json.mapper().readTree(r.stdout())) {
                    if (entry.hasNonNull("lladdr")) {
                        return entry.get("lladdr").asText().toLowerCase(Locale.ROOT);
                    }
                }
            }
        } catch (IOException e) {
            return null;
        }
        return null;
    }

    private Optional<String> portOfMac(String mac) {
        try {
            CommandRunner.Result r = commands.run(List.of("bridge", "-j", "fdb", "show", "br", bridge),
                    Duration.ofSeconds(3));
            if (!r.ok()) {
                return Optional.empty();
            }
            for (JsonNode entry : Json.mapper().readTree(r.stdout())) {
                if (mac.equals(entry.path("mac").asText().toLowerCase(Locale.ROOT)) && entry.hasNonNull("ifname")
                        && !bridge.equals(entry.get("ifname").asText())) {
                    return Optional.of(entry.get("ifname").asText());
                }
            }
        } catch (IOException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }
}
