package dev.zerocluster.master.join;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zerocluster.core.model.Cidr;
import dev.zerocluster.core.system.RecordingCommandRunner;
import dev.zerocluster.master.config.MasterConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DnsmasqTest {
    @TempDir
    Path dir;

    @Test
    void theRangeLeavesOutTheMastersAddress() {
        assertThat(Dnsmasq.ranges(Cidr.parse("10.42.0.1/24"))).containsExactly("10.42.0.2,10.42.0.254,255.255.255.0,12h");
        assertThat(Dnsmasq.ranges(Cidr.parse("10.42.0.100/24"))).containsExactly(
                "10.42.0.1,10.42.0.99,255.255.255.0,12h", "10.42.0.101,10.42.0.254,255.255.255.0,12h");
        assertThat(Dnsmasq.ranges(Cidr.parse("192.168.7.254/24"))).containsExactly(
                "192.168.7.1,192.168.7.253,255.255.255.0,12h");
    }

    @Test
    void theConfigurationServesTheBridgeOnly() {
        JoinConfig config = MasterConfig.load(null, List.of()).join();
        String conf = new Dnsmasq(config, dir, dir.resolve("hosts"), new RecordingCommandRunner(), "dnsmasq").render();
        assertThat(conf).contains("interface=zc0\n", "bind-interfaces\n", "dhcp-hostsfile=" + dir.resolve("dhcp-hosts"),
                "addn-hosts=" + dir.resolve("hosts"), "dhcp-option=option:router,10.42.0.1\n", "no-ping\n",
                "dhcp-leasefile=" + dir.resolve("dnsmasq.leases"));
    }

    @Test
    void everyLeaseBecomesAPermanentReservation() throws IOException {
        Path leases = dir.resolve("dnsmasq.leases");
        Path reserved = dir.resolve("dhcp-hosts");
        List<String> reloads = new ArrayList<>();
        DhcpReservations r = new DhcpReservations(leases, reserved, () -> reloads.add("HUP"));
        // dnsmasq's lease file: expiry MAC IP hostname client-id.
        Files.writeString(leases, "1764223200 02:5a:10:11:11:02 10.42.0.58 raspberrypi 01:02:5a:10:11:11:02\n"
                + "1764223201 02:5A:10:22:22:02 10.42.0.161 * *\n"
                + "garbage line\n");
        r.poll();
        assertThat(Files.readString(reserved)).isEqualTo("02:5a:10:11:11:02,10.42.0.58\n02:5a:10:22:22:02,10.42.0.161\n");
        assertThat(reloads).hasSize(1);
        assertThat(r.macOf("10.42.0.161")).isEqualTo("02:5a:10:22:22:02");

        // The lease file is lost (a new SD card for the master's state?): the reservations stay.
        Files.writeString(leases, "");
        r.poll();
        DhcpReservations again = new DhcpReservations(leases, reserved, () -> { });
        assertThat(again.byMac()).containsEntry("02:5a:10:11:11:02", "10.42.0.58").hasSize(2);
    }
}
