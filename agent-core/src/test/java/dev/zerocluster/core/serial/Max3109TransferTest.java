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
