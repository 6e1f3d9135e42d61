package dev.zerocluster.master.join;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zerocluster.core.system.RecordingCommandRunner;
import dev.zerocluster.core.system.SystemRoot;
import dev.zerocluster.master.config.MasterConfig;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LinkManagerTest {
    @TempDir
    Path dir;

    static LinkEvent present(String name, boolean up, String master) {
        return new LinkEvent(LinkEvent.Kind.PRESENT, 5, name, up, "02:00:00:00:00:01", master);
    }

    @Test
    void matchingLinksBecomeBridgePortsAndTheirLossIsReported() {
        JoinConfig config = MasterConfig.load(null, List.of()).join();
        RecordingCommandRunner commands = new RecordingCommandRunner();
        List<String> gone = new ArrayList<>();
        List<Consumer<LinkEvent>> sink = new ArrayList<>();
        LinkMonitor monitor = new LinkMonitor() {
            @Override
            public void start(Consumer<LinkEvent> events) {
                sink.add(events);
            }

            @Override
            public void close() {
            }
        };
        LinkManager m = new LinkManager(config, new BridgeNetwork(config, commands, new SystemRoot(dir), dir), monitor,
                gone::add);
        m.start();
        Consumer<LinkEvent> events = sink.get(0);

        events.accept(present("eth0", true, null));
        events.accept(present("wlan0", true, null));
        events.accept(present("zc0", true, null));
        events.accept(present("usb0", false, null));
        events.accept(present("enx025a10111101", false, null));
        assertThat(commands.commandLines()).containsExactly(
                "ip link set dev usb0 master zc0", "ip link set dev usb0 up",
                "ip link set dev enx025a10111101 master zc0", "ip link set dev enx025a10111101 up");

        // The kernel reports the change the master made: nothing more to do.
        events.accept(present("usb0", true, "zc0"));
        assertThat(commands.calls()).hasSize(4);
        assertThat(m.isPort("usb0")).isTrue();

        events.accept(present("usb0", false, "zc0"));
        assertThat(gone).containsExactly("usb0");
        events.accept(new LinkEvent(LinkEvent.Kind.REMOVED, 5, "usb0", false, null, null));
        assertThat(gone).containsExactly("usb0", "usb0");
        events.accept(new LinkEvent(LinkEvent.Kind.REMOVED, 9, "eth0", false, null, null));
        assertThat(gone).hasSize(2);
    }

    @Test
    void theBridgeIsMadeOnceWithItsAddressAndNat() throws Exception {
        JoinConfig config = MasterConfig.load(null, List.of()).join();
        java.nio.file.Files.createDirectories(dir.resolve("proc/sys/net/ipv4"));
        RecordingCommandRunner commands = new RecordingCommandRunner().answering(argv ->
                argv.contains("show") ? RecordingCommandRunner.failed(1, "Device \"zc0\" does not exist.")
                        : RecordingCommandRunner.ok(""));
        BridgeNetwork bridge = new BridgeNetwork(config, commands, new SystemRoot(dir), dir);
        bridge.setUp();
        assertThat(commands.commandLines()).containsExactly(
                "ip link show dev zc0",
                "ip link add name zc0 type bridge stp_state 0 forward_delay 0",
                "ip addr replace 10.42.0.1/24 dev zc0",
                "ip link set dev zc0 up",
                "nft -f " + dir.resolve("nat.nft"));
        assertThat(java.nio.file.Files.readString(dir.resolve("proc/sys/net/ipv4/ip_forward"))).isEqualTo("1\n");
        assertThat(java.nio.file.Files.readString(dir.resolve("nat.nft")))
                .contains("ip saddr 10.42.0.0/24 oifname \"eth0\" masquerade").contains("delete table ip zerocluster");
        bridge.tearDown();
        assertThat(commands.commandLines()).last().isEqualTo("nft delete table ip zerocluster");
    }
}
