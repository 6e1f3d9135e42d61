package dev.zerocluster.bench;

import dev.zerocluster.core.serial.ByteLink;
import dev.zerocluster.core.serial.Max3109;
import dev.zerocluster.core.serial.Max3109Rig;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The MAX3109 driver against two chip models joined by a cable, in simulated time (agent-core's
 * test jar): one operation sends 256 KiB from chip A to chip B through the polling driver.
 *
 * <p>JMH's score is the real time per operation, which includes the chip models. The figures the
 * issue asks for are printed at the end of each fork ("MAX3109 ..." lines): SPI bytes clocked per
 * payload byte on the sending and the receiving chip, SPI transactions per second of an idle
 * reader, and the CPU time (all threads, driver and model together) per payload megabyte.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-XX:+UseSerialGC", "-Xmx256m"})
@State(Scope.Thread)
public class Max3109Benchmark {

    private static final long XTAL_4M = 4_000_000;
    private static final int PAYLOAD = 256 * 1024;

    @Param({"1000000", "115200"})
    public int baud;

    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private final AtomicLong cpuNanos = new AtomicLong();
    private Max3109Rig rig;
    private Max3109 a;
    private Max3109 b;
    private ByteLink linkA;
    private ByteLink linkB;
    private byte[] payload;
    private long payloadBytes;
    private long clockedA;
    private long clockedB;
    private long modelNanosAtStart;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        rig = new Max3109Rig(XTAL_4M, XTAL_4M);
        a = rig.driver(0, XTAL_4M);
        b = rig.driver(1, XTAL_4M);
        linkA = a.open(0, baud);
        linkB = b.open(0, baud);
        payload = new byte[PAYLOAD];
        new Random(1).nextBytes(payload);
        clockedA = rig.chipA.bytesClocked();
        clockedB = rig.chipB.bytesClocked();
        modelNanosAtStart = rig.chipA.modelNanos() + rig.chipB.modelNanos();
    }

    @Benchmark
    public int bulkTransfer() throws Exception {
        Future<Integer> reader = rig.time.start("B reads", () -> timedCpu(() -> readAll(linkB, PAYLOAD)));
        Future<Integer> writer = rig.time.start("A writes", () -> timedCpu(() -> {
            linkA.write(payload, 0, payload.length);
            return payload.length;
        }));
        rig.time.join(Duration.ofMinutes(2), writer, reader);
        payloadBytes += PAYLOAD;
        return reader.get();
    }

    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
        double txRatio = (rig.chipA.bytesClocked() - clockedA) / (double) payloadBytes;
        double rxRatio = (rig.chipB.bytesClocked() - clockedB) / (double) payloadBytes;
        double megabytes = payloadBytes / (double) (1 << 20);
        double cpuMsPerMb = cpuNanos.get() / 1e6 / megabytes;
        double modelMsPerMb = (rig.chipA.modelNanos() + rig.chipB.modelNanos() - modelNanosAtStart) / 1e6 / megabytes;
        // An idle reader for 10 s of simulated time.
        long before = rig.chipB.transactions();
        long start = rig.time.nanoTime();
        Future<Integer> idle = rig.time.start("idle reader",
                () -> linkB.read(new byte[64], 0, 64, Duration.ofSeconds(10)));
        rig.time.join(Duration.ofMinutes(1), idle);
        double idlePerSecond = (rig.chipB.transactions() - before) / ((rig.time.nanoTime() - start) / 1e9);
        System.out.printf(Locale.ROOT, "%nMAX3109 %d baud: SPI bytes per payload byte: sending chip %.4f, receiving chip %.4f"
                        + "; idle reader: %.1f SPI transactions/s; CPU (driver + model, all threads) %.1f ms per payload MB,"
                        + " of which %.1f ms inside the chip models; violations %s%n",
                baud, txRatio, rxRatio, idlePerSecond, cpuMsPerMb, modelMsPerMb, rig.circuit.violations());
        a.close();
        b.close();
        rig.close();
    }

    private Integer timedCpu(java.util.concurrent.Callable<Integer> body) throws Exception {
        long start = threads.getCurrentThreadCpuTime();
        try {
            return body.call();
        } finally {
            cpuNanos.addAndGet(threads.getCurrentThreadCpuTime() - start);
        }
    }

    private static int readAll(ByteLink link, int size) throws Exception {
        byte[] buf = new byte[8192];
        int got = 0;
        while (got < size) {
            int n = link.read(buf, 0, Math.min(buf.length, size - got), Duration.ofSeconds(1));
            if (n <= 0) {
                throw new IllegalStateException("read returned " + n + " after " + got + " bytes");
            }
            got += n;
        }
        return got;
    }
}
