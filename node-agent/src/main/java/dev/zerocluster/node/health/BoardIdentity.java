package dev.zerocluster.node.health;

import dev.zerocluster.core.model.NodeId;
import dev.zerocluster.core.system.KernelFileReader;
import dev.zerocluster.core.system.SystemRoot;
import java.util.Locale;
import java.util.Optional;

/**
 * What the board is: its model and serial, from the device tree (NUL-terminated strings) with
 * {@code /proc/cpuinfo}'s {@code Model} and {@code Serial} lines as the fallback. Both are null on a
 * machine that is not a Raspberry Pi.
 */
public record BoardIdentity(String model, String serial, int cpuinfoProcessors, String machineId) {

    public static BoardIdentity read(SystemRoot root) {
        KernelFileReader reader = new KernelFileReader();
        String model = blankToNull(reader.readText(root.path("/proc/device-tree/model")));
        String serial = blankToNull(reader.readText(root.path("/proc/device-tree/serial-number")));
        int processors = 0;
        if (reader.load(root.path("/proc/cpuinfo"))) {
            if (model == null) {
                model = blankToNull(reader.restOfLine(reader.findLineStarting("Model")));
            }
            if (serial == null) {
                serial = blankToNull(reader.restOfLine(reader.findLineStarting("Serial")));
            }
            processors = countLines(reader, "processor");
        }
        String machineId = blankToNull(reader.readText(root.path("/etc/machine-id")));
        return new BoardIdentity(model, serial, processors, machineId);
    }

    /**
     * The node id: the configured one, else {@code zero-} and the last 8 hex digits of the board
     * serial (SPEC §3). A machine without a board serial (a PC trying zerocluster out) falls back to
     * {@code host-} and the last 8 hex digits of {@code /etc/machine-id}; empty when neither exists.
     */
    public Optional<NodeId> nodeId(Optional<NodeId> configured) {
        if (configured.isPresent()) {
            return configured;
        }
        String fromSerial = lastHex(serial, 8);
        if (fromSerial != null) {
            return Optional.of(NodeId.of("zero-" + fromSerial));
        }
        String fromMachine = lastHex(machineId, 8);
        return fromMachine == null ? Optional.empty() : Optional.of(NodeId.of("host-" + fromMachine));
    }

    private static String lastHex(String text, int count) {
        if (text == null) {
            return null;
        }
        String hex = text.trim().toLowerCase(Locale.ROOT);
        if (hex.length() < count || !hex.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
            return null;
        }
        return hex.substring(hex.length() - count);
    }

    private static int countLines(KernelFileReader reader, String key) {
        int count = 0;
        boolean lineStart = true;
        for (int i = 0; i < reader.length(); i++) {
            if (lineStart && reader.startsWith(i, key)) {
                int after = i + key.length();
                if (after < reader.length() && (reader.at(after) == ' ' || reader.at(after) == '\t'
                        || reader.at(after) == ':')) {
                    count++;
                }
            }
            lineStart = reader.at(i) == '\n';
        }
        return count;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
