package dev.zerocluster.core.serial;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Two chip models joined by a cable, a driver on each, bytes both ways at once in simulated time.
 * Chip A has a 3.6864 MHz crystal (fREF 44.2368 MHz), chip B a 4 MHz one (fREF 96 MHz), so each
 * rate below runs at two slightly different real rates, as between two real boards.
 */
class Max3109TransferTest {

    static final long XTAL_36864 = 3_686_400;
    static final long XTAL_4M = 4_000_000;
    static final int MEGABYTE = 1 << 20;
    static final Duration REAL_LIMIT = Duration.ofSeconds(90);

    @ParameterizedTest(name = "{0} baud")
    @CsvSource({"1000000", "115200"})
    void aMegabyteEachWayArrivesIntact(int baud) throws Exception {
        try (Max3109Rig rig = new Max3109Rig(XTAL_36864, XTAL_4M);
             Max3109 a = rig.driver(0, XTAL_36864);
             Max3109 b = rig.driver(1, XTAL_4M)) {
            ByteLink linkA = a.open(0, baud);
            ByteLink linkB = b.open(0, baud);
            byte[] toB = random(MEGABYTE, 1);
            byte[] toA = random(MEGABYTE, 2);
            long clockedA = rig.chipA.bytesClocked();
            long clockedB = rig.chipB.bytesClocked();

            Future<byte[]> atB = rig.time.start("B reads", () -> readFully(linkB, MEGABYTE));
            Future<byte[]> atA = rig.time.start("A reads", () -> readFully(linkA, MEGABYTE));
            Future<?> fromA = rig.time.start("A writes", () -> writeInChunks(linkA, toB, 4096));
            Future<?> fromB = rig.time.start("B writes", () -> writeInChunks(linkB, toA, 4096));
            rig.time.join(REAL_LIMIT, fromA, fromB, atA, atB);

            assertThat(atB.get()).isEqualTo(toB);
            assertThat(atA.get()).isEqualTo(toA);
            assertThat(a.lineErrors(0)).isEqualTo(LineErrors.NONE);
            assertThat(b.lineErrors(0)).isEqualTo(LineErrors.NONE);
            assertThat(rig.circuit.violations()).isEmpty();
            // Each chip sent and received a megabyte: SPI bytes per payload byte, both ways together.
            double perByteA = (rig.chipA.bytesClocked() - clockedA) / (2.0 * MEGABYTE);
            double perByteB = (rig.chipB.bytesClocked() - clockedB) / (2.0 * MEGABYTE);
            assertThat(perByteA).isLessThanOrEqualTo(1.05);
            assertThat(perByteB).isLessThanOrEqualTo(1.05);
            // 10 bits a byte: the transfer takes the line time, not more.
            double lineSeconds = MEGABYTE * 10.0 / baud;
            assertThat(rig.time.nanoTime() / 1e9).isLessThan(lineSeconds * 1.1);
        }
    }

    /**
     * Within 2 % of each other two ends understand each other; beyond, the receiver's stop-bit
     * sample drifts off the stop bit and the chip reports framing errors and noise rather than
     * handing over bytes that merely look right.
     */
    @ParameterizedTest(name = "A at {0}, B at {1} baud: intact {2}")
    @CsvSource({
        "1000000, 985000, true",   // 1.5 %
        "115200, 117500, true",    // 2.0 %
        "1000000, 970000, false",  // 3.1 % after divisor rounding
        "115200, 100000, false",   // 13 %
    })
    void aBaudMismatchShowsAsLineErrors(int baudA, int baudB, boolean intact) throws Exception {
        try (Max3109Rig rig = new Max3109Rig(XTAL_4M, XTAL_4M);
             Max3109 a = rig.driver(0, XTAL_4M);
             Max3109 b = rig.driver(1, XTAL_4M)) {
            ByteLink linkA = a.open(0, baudA);
            ByteLink linkB = b.open(0, baudB);
            byte[] sent = random(16 * 1024, 3);
            Future<byte[]> atB = rig.time.start("B reads", () -> readUntilQuiet(linkB, sent.length));
            Future<?> fromA = rig.time.start("A writes", () -> writeInChunks(linkA, sent, 1024));
            rig.time.join(REAL_LIMIT, fromA, atB);

            LineErrors errors = b.lineErrors(0);
            if (intact) {
                assertThat(atB.get()).isEqualTo(sent);
                assertThat(errors).isEqualTo(LineErrors.NONE);
            } else {
                assertThat(atB.get()).isNotEqualTo(sent);
                assertThat(errors.framingErrors() + errors.noise()).isPositive();
            }
            assertThat(rig.circuit.violations()).isEmpty();
        }
    }

    /** A reader that stops reading loses words once the 128-word FIFO is full, and is told. */
    @Test
    void aStalledReaderSeesOverrunsCounted() throws Exception {
        try (Max3109Rig rig = new Max3109Rig(XTAL_36864, XTAL_36864);
             Max3109 a = rig.driver(0, XTAL_36864);
             Max3109 b = rig.driver(1, XTAL_36864)) {
            ByteLink linkA = a.open(0, 115_200);
            ByteLink linkB = b.open(0, 115_200);
            byte[] sent = random(1000, 4);
            Future<byte[]> atB = rig.time.start("B stalls, then reads", () -> {
                rig.time.parkNanos(Duration.ofMillis(200).toNanos()); // 1000 words take 87 ms
                return readUntilQuiet(linkB, sent.length);
            });
            Future<?> fromA = rig.time.start("A writes", () -> writeInChunks(linkA, sent, sent.length));
            rig.time.join(REAL_LIMIT, fromA, atB);

            byte[] got = atB.get();
            assertThat(got).hasSize(128).isEqualTo(java.util.Arrays.copyOf(sent, 128));
            assertThat(rig.chipB.wordsLost(0)).isEqualTo(1000 - 128);
            assertThat(b.lineErrors(0).overruns()).isEqualTo(1);
            assertThat(rig.circuit.violations()).isEmpty();
        }
    }

    /** Both UARTs of both chips at once, each direction in its own thread: eight threads, one bus per chip. */
    @Test
    void bothUartsCarryDataAtOnce() throws Exception {
        int size = 128 * 1024;
        try (Max3109Rig rig = new Max3109Rig(XTAL_4M, XTAL_36864);
             Max3109 a = rig.driver(0, XTAL_4M);
             Max3109 b = rig.driver(1, XTAL_36864)) {
            ByteLink[] linksA = {a.open(0, 1_000_000), a.open(1, 115_200)};
            ByteLink[] linksB = {b.open(0, 1_000_000), b.open(1, 115_200)};
            byte[][] toB = {random(size, 10), random(size / 8, 11)};
            byte[][] toA = {random(size, 12), random(size / 8, 13)};
            java.util.List<Future<?>> all = new java.util.ArrayList<>();
            java.util.List<Future<byte[]>> reads = new java.util.ArrayList<>();
            for (int u = 0; u < 2; u++) {
                int uart = u;
                reads.add(rig.time.start("B" + u + " reads", () -> readFully(linksB[uart], toB[uart].length)));
                reads.add(rig.time.start("A" + u + " reads", () -> readFully(linksA[uart], toA[uart].length)));
                all.add(rig.time.start("A" + u + " writes", () -> writeInChunks(linksA[uart], toB[uart], 1500)));
                all.add(rig.time.start("B" + u + " writes", () -> writeInChunks(linksB[uart], toA[uart], 1500)));
            }
            all.addAll(reads);
            rig.time.join(REAL_LIMIT, all.toArray(new Future<?>[0]));

            for (int u = 0; u < 2; u++) {
                assertThat(reads.get(2 * u).get()).isEqualTo(toB[u]);
                assertThat(reads.get(2 * u + 1).get()).isEqualTo(toA[u]);
                assertThat(a.lineErrors(u)).isEqualTo(LineErrors.NONE);
                assertThat(b.lineErrors(u)).isEqualTo(LineErrors.NONE);
            }
            assertThat(rig.circuit.violations()).isEmpty();
        }
    }

    /** With the IRQ line, readers sleep until the chip pulls it; bytes still arrive intact. */
    @Test
    void irqDrivenLinksCarryDataBothWays() throws Exception {
        int size = 64 * 1024;
        try (Max3109Rig rig = new Max3109Rig(XTAL_36864, XTAL_4M);
             Max3109 a = rig.irqDriver(0, XTAL_36864);
             Max3109 b = rig.irqDriver(1, XTAL_4M)) {
            ByteLink linkA = a.open(0, 115_200);
            ByteLink linkB = b.open(0, 115_200);
            byte[] toB = random(size, 20);
            byte[] toA = random(size, 21);
            Future<byte[]> atB = rig.time.start("B reads", () -> readFully(linkB, size));
            Future<byte[]> atA = rig.time.start("A reads", () -> readFully(linkA, size));
            Future<?> fromA = rig.time.start("A writes", () -> writeInChunks(linkA, toB, 1000));
            Future<?> fromB = rig.time.start("B writes", () -> writeInChunks(linkB, toA, 1000));
            rig.time.join(REAL_LIMIT, fromA, fromB, atA, atB);

            assertThat(atB.get()).isEqualTo(toB);
            assertThat(atA.get()).isEqualTo(toA);
            assertThat(a.lineErrors(0)).isEqualTo(LineErrors.NONE);
            assertThat(rig.circuit.violations()).isEmpty();
        }
    }

    /**
     * An idle reader costs a bounded number of SPI transactions: one RX level read per 96 word
     * times when polling (120 a second at 115,200 baud), and only the 50 ms safety look with an
     * IRQ line (20 a second).
     */
    @ParameterizedTest(name = "irq {0}")
    @CsvSource({"false, 115200, 121", "false, 1000000, 1042", "true, 115200, 21"})
    void anIdleReaderPollsAtABoundedRate(boolean irq, int baud, long maxPerSecond) throws Exception {
        try (Max3109Rig rig = new Max3109Rig(XTAL_4M, XTAL_4M);
             Max3109 a = irq ? rig.irqDriver(0, XTAL_4M) : rig.driver(0, XTAL_4M)) {
            ByteLink link = a.open(0, baud);
            long before = rig.chipA.transactions();
            long start = rig.time.nanoTime();
            Future<Integer> read = rig.time.start("idle reader",
                    () -> link.read(new byte[64], 0, 64, Duration.ofSeconds(10)));
            rig.time.join(REAL_LIMIT, read);

            assertThat(read.get()).isZero();
            double seconds = (rig.time.nanoTime() - start) / 1e9;
            assertThat(seconds).isBetween(10.0, 10.01);
            double perSecond = (rig.chipA.transactions() - before) / seconds;
            assertThat(perSecond).isLessThanOrEqualTo(maxPerSecond).isGreaterThan(maxPerSecond * 0.8);
        }
    }

    /** Reads until {@code expected} bytes came or the line stayed quiet for 50 ms. */
    static byte[] readUntilQuiet(ByteLink link, int expected) throws IOException {
        byte[] buf = new byte[expected * 2];
        int got = 0;
        while (got < buf.length) {
            int n = link.read(buf, got, buf.length - got, Duration.ofMillis(50));
            if (n <= 0) {
                break;
            }
            got += n;
        }
        return java.util.Arrays.copyOf(buf, got);
    }

    static byte[] random(int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    static byte[] readFully(ByteLink link, int size) throws IOException {
        byte[] buf = new byte[size];
        int got = 0;
        while (got < size) {
            int n = link.read(buf, got, size - got, Duration.ofSeconds(1));
            if (n <= 0) {
                throw new AssertionError("read returned " + n + " after " + got + " of " + size + " bytes");
            }
            got += n;
        }
        return buf;
    }

    static Void writeInChunks(ByteLink link, byte[] data, int chunk) throws IOException {
        for (int off = 0; off < data.length; off += chunk) {
            link.write(data, off, Math.min(chunk, data.length - off));
        }
        return null;
    }
}
