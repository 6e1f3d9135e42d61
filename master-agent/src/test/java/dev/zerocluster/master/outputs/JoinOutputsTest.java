package dev.zerocluster.master.outputs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zerocluster.core.model.HealthReport;
import dev.zerocluster.core.model.NodeId;
import dev.zerocluster.master.registry.NodeView;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JoinOutputsTest {
    @TempDir
    Path dir;

    static NodeView node(String id, String state, String address, Integer cores) {
        HealthReport h = new HealthReport(1, NodeId.of(id), "t", 1, null, null, null, null, null, null, cores, null, null,
                null, null, null, List.of(), null);
        return new NodeView(id, state, address, "usb", "t", h);
    }

    @Test
    void machinefileAndHostsListTheMasterThenOnlineNodesById() throws Exception {
        List<NodeView> nodes = new ArrayList<>(List.of(node("zero-b", "online", "10.42.0.9", 4),
                node("zero-a", "online", "10.42.0.7", 1), node("zero-c", "stale", "10.42.0.8", 1),
                node("zero-d", "offline", "10.42.0.6", 1), node("zero-e", "online", null, 1)));
        AtomicInteger hostsChanges = new AtomicInteger();
        OutputsConfig config = new OutputsConfig(dir.resolve("etc/machinefile"), true, dir.resolve("etc/hosts"));
        JoinOutputs outputs = new JoinOutputs(config, () -> nodes, "master-pi", "10.42.0.1", 4,
                hostsChanges::incrementAndGet);
        outputs.refresh();
        assertThat(Files.readString(config.machinefile())).isEqualTo("master-pi:4\nzero-a:1\nzero-b:4\n");
        assertThat(Files.readString(config.hostsFile()))
                .isEqualTo("10.42.0.1 master-pi\n10.42.0.7 zero-a\n10.42.0.9 zero-b\n");
        assertThat(hostsChanges.get()).isEqualTo(1);

        // Nothing changed: nothing is written, dnsmasq is not signalled.
        long before = Files.getLastModifiedTime(config.machinefile()).toMillis();
        outputs.refresh();
        assertThat(hostsChanges.get()).isEqualTo(1);
        assertThat(Files.getLastModifiedTime(config.machinefile()).toMillis()).isEqualTo(before);

        nodes.set(0, node("zero-b", "offline", "10.42.0.9", 4));
        outputs.refresh();
        assertThat(Files.readString(config.machinefile())).isEqualTo("master-pi:4\nzero-a:1\n");
        assertThat(hostsChanges.get()).isEqualTo(2);
    }

    @Test
    void theMasterCanStayOutOfTheMachinefile() throws Exception {
        OutputsConfig config = new OutputsConfig(dir.resolve("mf"), false, dir.resolve("hosts"));
        new JoinOutputs(config, () -> List.of(node("zero-a", "online", "10.42.0.7", null)), "m", "10.42.0.1", 2,
                () -> { }).refresh();
        assertThat(Files.readString(config.machinefile())).isEqualTo("zero-a:1\n");
    }
}
