package dev.zerocluster.core.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Kept descriptors read afresh (KernelFile) and numbers parsed from the bytes as Java parses them. */
class KernelFileReaderTest {
    @TempDir
    Path dir;

    private final KernelFileReader reader = new KernelFileReader();

    @Test
    void aKeptDescriptorReadsWhatTheFileSaysNowAtAnyLength() throws IOException {
        Path f = dir.resolve("value");
        Files.writeString(f, "1\n");
        try (KernelFile file = new KernelFile(f)) {
            assertThat(reader.readLong(file, -99)).isEqualTo(1L);
            assertThat(file.isOpen()).isTrue();
            Files.writeString(f, "22\n");
            assertThat(reader.readLong(file, -99)).isEqualTo(22L);
            String big = "x".repeat(20_000) + "\n";
            Files.writeString(f, big);
            assertThat(reader.load(file)).isTrue();
            assertThat(reader.length()).isEqualTo(big.length());
            assertThat(reader.text()).isEqualTo(big.strip());
            Files.writeString(f, "ff\n");
            assertThat(reader.readHex(file)).isEqualTo(255L);
            Files.writeString(f, "-40\n");
            assertThat(reader.readLong(file, -99)).as("a temperature below zero").isEqualTo(-40L);
            Files.writeString(f, "none\n");
            assertThat(reader.readLong(file, -99)).isEqualTo(-99L);
            assertThat(reader.readHex(file)).isEqualTo(-1L);
        }
    }

    @Test
    void aMissingFileIsFalseUntilItAppears() throws IOException {
        Path f = dir.resolve("later");
        try (KernelFile file = new KernelFile(f)) {
            assertThat(reader.load(file)).isFalse();
            assertThat(reader.length()).isZero();
            Files.writeString(f, "up\n");
            assertThat(reader.load(file)).isTrue();
            assertThat(reader.contentEquals("up")).isTrue();
        }
    }

    @Test
    void aProcFileIsProducedAfreshOnEveryReadOfItsKeptDescriptor() throws Exception {
        try (KernelFile uptime = new KernelFile(Path.of("/proc/uptime"))) {
            assertThat(reader.load(uptime)).as("/proc/uptime readable (Linux only)").isTrue();
            double first = reader.parseDecimal(0);
            Thread.sleep(50);
            assertThat(reader.load(uptime)).isTrue();
            assertThat(reader.parseDecimal(0)).as("the uptime moves on (10 ms resolution)").isGreaterThan(first);
        }
    }

    /**
     * A kernel file that goes away with its object fails on the kept descriptor; the reader then
     * opens the name again, which may name a new object by then: as /sys/class/net/usb0 (a symlink)
     * after a re-plug. Here the object is a process and the name a symlink to its /proc/PID/comm,
     * which answers ESRCH once the process is gone (fs/proc/base.c, comm_show).
     */
    @Test
    void aFileThatWentAwayIsOpenedAfreshUnderItsName() throws Exception {
        Path link = dir.resolve("comm");
        Process first = new ProcessBuilder("sleep", "60").start();
        Process second = null;
        try (KernelFile comm = new KernelFile(link)) {
            Files.createSymbolicLink(link, Path.of("/proc/" + first.pid() + "/comm"));
            assertThat(reader.load(comm)).isTrue();
            assertThat(reader.text()).isEqualTo("sleep");

            first.destroyForcibly();
            assertThat(first.waitFor(10, TimeUnit.SECONDS)).isTrue();
            assertThat(reader.load(comm)).as("the process and its /proc folder are gone").isFalse();
            assertThat(comm.isOpen()).isFalse();

            second = new ProcessBuilder("tail", "-f", "/dev/null").start();
            Files.delete(link);
            Files.createSymbolicLink(link, Path.of("/proc/" + second.pid() + "/comm"));
            assertThat(reader.load(comm)).isTrue();
            assertThat(reader.text()).isEqualTo("tail");

            // Now with the descriptor kept: the old object fails, the name is opened once more.
            second.destroyForcibly();
            assertThat(second.waitFor(10, TimeUnit.SECONDS)).isTrue();
            Process third = new ProcessBuilder("sleep", "61").start();
            try {
                Files.delete(link);
                Files.createSymbolicLink(link, Path.of("/proc/" + third.pid() + "/comm"));
                assertThat(comm.isOpen()).isTrue();
                assertThat(reader.load(comm)).isTrue();
                assertThat(reader.text()).isEqualTo("sleep");
            } finally {
                third.destroyForcibly();
            }
        } finally {
            first.destroyForcibly();
            if (second != null) {
                second.destroyForcibly();
            }
        }
    }

    private void load(String content) throws IOException {
        Path f = dir.resolve("n");
        Files.write(f, content.getBytes(StandardCharsets.US_ASCII));
        assertThat(reader.load(f)).isTrue();
    }

    @Test
    void decimalsAreTheDoublesJavaParses() throws IOException {
        SplittableRandom random = new SplittableRandom(3);
        for (int n = 0; n < 5_000; n++) {
            int digits = 1 + random.nextInt(20);
            StringBuilder s = new StringBuilder();
            for (int d = 0; d < digits; d++) {
                s.append((char) ('0' + random.nextInt(10)));
            }
            if (random.nextBoolean()) {
                s.insert(random.nextInt(s.length() + 1), '.');
            }
            String text = s.toString();
            load(text + " 1/98 1234\n");
            double expected = text.equals(".") ? Double.NaN : Double.parseDouble(text);
            assertThat(reader.parseDecimal(0)).as(text).isEqualTo(expected);
        }
        for (String[] c : new String[][] {{"5123.40", "5123.4"}, {"5.", "5.0"}, {".5", "0.5"}, {"0.1", "0.1"},
                {"123456789012345.6", "1.234567890123456E14"}}) {
            load(c[0] + "\n");
            assertThat(Double.toString(reader.parseDecimal(0))).as(c[0]).isEqualTo(c[1]);
        }
        for (String bad : new String[] {".", "1.2.3", "x", ""}) {
            load(bad + "\n");
            assertThat(reader.parseDecimal(0)).as("'%s'", bad).isNaN();
        }
    }

    @Test
    void unsignedNumbersInBothRadixesAndTheirLimits() throws IOException {
        load("50005 9223372036854775807 9223372036854775808 fF zz\n");
        assertThat(reader.parseUnsigned(0, 16)).isEqualTo(0x50005);
        assertThat(reader.parseUnsigned(0, 10)).isEqualTo(50005);
        assertThat(reader.parseUnsigned(6, 10)).isEqualTo(Long.MAX_VALUE);
        assertThat(reader.parseUnsigned(26, 10)).as("one more than fits").isEqualTo(-1);
        assertThat(reader.parseUnsigned(46, 16)).isEqualTo(255);
        assertThat(reader.parseUnsigned(46, 10)).as("hex digits are no decimal").isEqualTo(-1);
        assertThat(reader.parseUnsigned(49, 16)).isEqualTo(-1);
        assertThat(reader.parseLong(49, 16)).isNull();
        assertThat(reader.parseLong(0, 16)).isEqualTo(0x50005L);
    }

    @Test
    void bytesMatchWhereTheContentHoldsThemAndNotPastItsEnd() throws IOException {
        load("usb0: 12\n");
        byte[] usb0 = "usb0".getBytes(StandardCharsets.US_ASCII);
        assertThat(reader.matches(0, usb0)).isTrue();
        assertThat(reader.matches(1, usb0)).isFalse();
        assertThat(reader.matches(6, "12\n".getBytes(StandardCharsets.US_ASCII))).isTrue();
        assertThat(reader.matches(7, "2\nx".getBytes(StandardCharsets.US_ASCII))).as("past the end").isFalse();
        assertThat(reader.matches(-1, usb0)).isFalse();
        assertThat(reader.isDigit(6)).isTrue();
        assertThat(reader.isDigit(0)).isFalse();
        assertThat(reader.isDigit(9)).as("past the end").isFalse();
    }
}
