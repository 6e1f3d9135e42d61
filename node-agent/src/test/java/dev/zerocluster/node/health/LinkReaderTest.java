package dev.zerocluster.node.health;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zerocluster.core.model.HealthReport;
import dev.zerocluster.core.model.InterfaceName;
import dev.zerocluster.core.system.KernelFileReader;
import dev.zerocluster.core.system.SystemRoot;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Link counters and presence from /proc/net/dev, in the kernel's own layout. */
class LinkReaderTest {
    private static final String HEADER = """
            Inter-|   Receive                                                |  Transmit
             face |bytes    packets errs drop fifo frame compressed multicast|bytes    packets errs drop fifo colls carrier compressed
            """;

    @TempDir
    Path root;

    @Test
    void countersComeFromProcNetDevEvenWhenANumberTouchesTheColon() throws Exception {
        // net/core/net-procfs.c prints "%6s:%8llu ...": a long name, or nine digits, leaves no space.
        write("proc/net/dev", HEADER
                + "enx001122334455:123456789012  900000    4    0    0     0          0         0 98765432109  800000    7    0    0     0       0          0\n"
                + "  usb0:       5       1    0    0    0     0          0         0        6       1    0    0    0     0       0          0\n");
        write("sys/class/net/enx001122334455/operstate", "up\n");
        write("sys/class/net/usb0/operstate", "down\n");

        HealthReport.Link[] links = reader("enx001122334455", "usb0", "zcl0").read();

        assertThat(links[0]).isEqualTo(new HealthReport.Link("enx001122334455", "usb", true, false, null,
                123_456_789_012L, 98_765_432_109L, 4L, 7L));
        assertThat(links[1]).isEqualTo(new HealthReport.Link("usb0", "usb", false, false, null, 5L, 6L, 0L, 0L));
        assertThat(links[2]).as("not listed: absent, no counters")
                .isEqualTo(new HealthReport.Link("zcl0", "usb", false, false, null, null, null, null, null));
    }

    @Test
    void aLineCutShortGivesNoCountersAndTheLinkCountsAsAbsent() throws Exception {
        write("proc/net/dev", HEADER + "  usb0:       5       1    0\n");
        write("sys/class/net/usb0/operstate", "up\n");

        assertThat(reader("usb0").read()[0])
                .isEqualTo(new HealthReport.Link("usb0", "usb", false, false, null, null, null, null, null));
    }

    @Test
    void withoutProcNetDevTheSysfsFolderSaysWhetherTheLinkIsThere() throws Exception {
        write("sys/class/net/usb0/operstate", "up\n");

        assertThat(reader("usb0", "zcl0").read()).containsExactly(
                new HealthReport.Link("usb0", "usb", true, false, null, null, null, null, null),
                new HealthReport.Link("zcl0", "usb", false, false, null, null, null, null, null));
    }

    private LinkReader reader(String... names) {
        List<LinkReader.Spec> specs = java.util.Arrays.stream(names)
                .map(n -> new LinkReader.Spec(InterfaceName.parse(n), "usb")).toList();
        return new LinkReader(new SystemRoot(root), new KernelFileReader(), specs);
    }

    private void write(String relative, String content) throws Exception {
        Path f = root.resolve(relative);
        Files.createDirectories(f.getParent());
        Files.writeString(f, content);
    }
}
