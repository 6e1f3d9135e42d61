package dev.zerocluster.node.link.usb;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zerocluster.core.model.InterfaceName;
import dev.zerocluster.core.model.Ipv4;
import dev.zerocluster.core.system.SystemRoot;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** mqtt.url: auto follows the USB link's gateway in /proc/net/route, read afresh each time. */
class UsbGatewayTest {
    static final String HEADER = "Iface\tDestination\tGateway \tFlags\tRefCnt\tUse\tMetric\tMask\t\tMTU\tWindow\tIRTT\n";

    @TempDir
    Path root;

    private final List<UsbGateway> made = new ArrayList<>();

    /** Writes the route table in place, as the kernel's is the same file listed afresh. */
    private UsbGateway gateway(String routes) throws IOException {
        Path f = root.resolve("proc/net/route");
        Files.createDirectories(f.getParent());
        Files.writeString(f, HEADER + routes);
        UsbGateway g = new UsbGateway(new SystemRoot(root), new InterfaceName("usb0"));
        made.add(g);
        return g;
    }

    @AfterEach
    void close() {
        made.forEach(UsbGateway::close);
    }

    @Test
    void theDefaultRouteThroughTheLink() throws IOException {
        UsbGateway g = gateway("eth0\t00000000\t0101A8C0\t0003\t0\t0\t100\t00000000\t0\t0\t0\n"
                + "usb0\t00002A0A\t00000000\t0001\t0\t0\t100\t00FFFFFF\t0\t0\t0\n"
                + "usb0\t00000000\t01002A0A\t0003\t0\t0\t200\t00000000\t0\t0\t0\n");
        assertThat(g.current()).contains(Ipv4.parse("10.42.0.1"));
    }

    @Test
    void anyGatewayRouteThroughTheLinkWhenItIsNotTheDefault() throws IOException {
        UsbGateway g = gateway("eth0\t00000000\t0101A8C0\t0003\t0\t0\t100\t00000000\t0\t0\t0\n"
                + "usb0\t0000A8C0\t05002A0A\t0003\t0\t0\t100\t0000FFFF\t0\t0\t0\n");
        assertThat(g.current()).contains(Ipv4.parse("10.42.0.5"));
    }

    @Test
    void noneWithoutARouteOrFile() throws IOException {
        assertThat(gateway("usb0\t00002A0A\t00000000\t0001\t0\t0\t100\t00FFFFFF\t0\t0\t0\n").current()).isEmpty();
        assertThat(new UsbGateway(new SystemRoot(root.resolve("nothing")), new InterfaceName("usb0")).current()).isEmpty();
    }

    @Test
    void onlyTheLinksOwnLinesCountAndBadLinesAreSkipped() throws IOException {
        UsbGateway g = gateway("usb01\t00000000\t09002A0A\t0003\t0\t0\t100\t00000000\t0\t0\t0\n"
                + "usb\t00000000\t08002A0A\t0003\t0\t0\t100\t00000000\t0\t0\t0\n"
                + "usb0\t00000000\tZZ002A0A\t0003\t0\t0\t100\t00000000\t0\t0\t0\n"
                + "usb0\t00000000\t07002A0A\t0003\n"
                + "usb0 00000000 06002A0A 0003 0 0 100 00000000 0 0 0\n"
                + "usb0\t00000000\t05002A0A\t0003\t0\t0\t100\t00000000\t0\t0\t0");
        assertThat(g.current()).as("the space-separated line, the first one well-formed").contains(Ipv4.parse("10.42.0.6"));
    }

    @Test
    void aRouteThatIsDownOrHasNoGatewayFlagIsNoGateway() throws IOException {
        assertThat(gateway("usb0\t00000000\t01002A0A\t0002\t0\t0\t100\t00000000\t0\t0\t0\n"
                + "usb0\t00000000\t02002A0A\t0001\t0\t0\t100\t00000000\t0\t0\t0\n").current()).isEmpty();
    }

    @Test
    void aNewLeaseIsFollowed() throws IOException {
        UsbGateway g = gateway("usb0\t00000000\t01002A0A\t0003\t0\t0\t100\t00000000\t0\t0\t0\n");
        assertThat(g.current()).contains(Ipv4.parse("10.42.0.1"));
        gateway("usb0\t00000000\t01002B0A\t0003\t0\t0\t100\t00000000\t0\t0\t0\n");
        assertThat(g.current()).contains(Ipv4.parse("10.43.0.1"));
    }
}
