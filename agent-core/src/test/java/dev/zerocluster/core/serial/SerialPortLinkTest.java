package dev.zerocluster.core.serial;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The jSerialComm link over a real pty pair (socat), the way a node's UART cable is tested. */
class SerialPortLinkTest {

    private static final int SIZE = 256 * 1024;

    @Test
    void everyByteValueCrossesBothWaysAt1Mbaud() throws Exception {
        byte[] toSecond = Max3109TransferTest.random(SIZE, 30);
        byte[] toFirst = Max3109TransferTest.random(SIZE, 31);
        for (int i = 0; i < 256; i++) {
            toSecond[i] = (byte) i;
            toFirst[i] = (byte) (255 - i);
        }
        ExecutorService threads = Executors.newFixedThreadPool(4);
        try (PtyPair cable = PtyPair.start();
             SerialPortLink first = SerialPortLink.open(cable.first, 1_000_000);
             SerialPortLink second = SerialPortLink.open(cable.second, 1_000_000)) {
            Future<byte[]> atSecond = threads.submit(() -> readFully(second, SIZE));
            Future<byte[]> atFirst = threads.submit(() -> readFully(first, SIZE));
            Future<?> w1 = threads.submit(() -> writeInChunks(first, toSecond));
            Future<?> w2 = threads.submit(() -> writeInChunks(second, toFirst));
            w1.get(30, TimeUnit.SECONDS);
            w2.get(30, TimeUnit.SECONDS);
            assertThat(atSecond.get(30, TimeUnit.SECONDS)).isEqualTo(toSecond);
            assertThat(atFirst.get(30, TimeUnit.SECONDS)).isEqualTo(toFirst);
        } finally {
            threads.shutdownNow();
            assertThat(threads.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
        }
    }

    @Test
    void readWaitsAtMostItsTimeoutAndReturnsMinusOneOnceClosed() throws Exception {
        try (PtyPair cable = PtyPair.start();
             SerialPortLink first = SerialPortLink.open(cable.first, 115_200)) {
            byte[] buf = new byte[8];
            long fastest = Long.MAX_VALUE;
            for (int i = 0; i < 5; i++) {
                long start = System.nanoTime();
                assertThat(first.read(buf, 0, buf.length, Duration.ofMillis(30))).isZero();
                long tookMillis = (System.nanoTime() - start) / 1_000_000;
                assertThat(tookMillis).as("read %d waited its timeout", i).isGreaterThanOrEqualTo(29L);
                fastest = Math.min(fastest, tookMillis);
            }
            // jSerialComm alone would round this up to 100 ms. The fastest of five: a busy machine
            // may wake this thread late once or twice, not every time.
            assertThat(fastest).isLessThanOrEqualTo(90L);
            assertThat(first.read(buf, 0, buf.length, Duration.ZERO)).isZero();
            first.close();
            assertThat(first.read(buf, 0, buf.length, Duration.ofSeconds(1))).isEqualTo(-1);
            assertThatThrownBy(() -> first.write(buf, 0, 1)).isInstanceOf(IOException.class);
        }
    }

    @Test
    void aMissingDeviceIsAClearError() {
        assertThatThrownBy(() -> SerialPortLink.open("/dev/does-not-exist-zc", 115_200))
                .isInstanceOf(IOException.class).hasMessageContaining("/dev/does-not-exist-zc");
    }

    private static byte[] readFully(ByteLink link, int size) throws IOException {
        byte[] buf = new byte[size];
        int got = 0;
        while (got < size) {
            int n = link.read(buf, got, size - got, Duration.ofSeconds(5));
            if (n <= 0) {
                throw new AssertionError("read returned " + n + " after " + got + " bytes");
            }
            got += n;
        }
        return buf;
    }

    private static Void writeInChunks(ByteLink link, byte[] data) throws IOException {
        for (int off = 0; off < data.length; off += 1000) {
            link.write(data, off, Math.min(1000, data.length - off));
        }
        return null;
    }
}
