package dev.zerocluster.testbed.loadgen;

import dev.zerocluster.core.model.HealthReport;
import dev.zerocluster.core.model.NodeId;
import dev.zerocluster.core.model.Throttled;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * One simulated Pi Zero's health over time: every field of schema 1 (SPEC §4) with values a real
 * board gives, drifting from report to report as a real board's do, so the master parses and stores
 * what it would in a real cluster. Boards alternate between a Zero W and a Zero 2 W; a few carry
 * the serial fallback link or latched under-voltage flags. Not thread-safe: one event loop owns it.
 */
final class SimulatedBoard {
    private static final String ZERO_W = "Raspberry Pi Zero W Rev 1.1";
    private static final String ZERO_2W = "Raspberry Pi Zero 2 W Rev 1.0";
    /** MemTotal of the two boards under Raspberry Pi OS (the firmware keeps some of the 512 MB). */
    private static final long ZERO_W_MEM_BYTES = 439_004L * 1024;
    private static final long ZERO_2W_MEM_BYTES = 435_780L * 1024;
    /** A 16 GB card's root file system. */
    private static final long DISK_BYTES = 14_862_966_784L;
    private static final double LOAD_1_DECAY = Math.exp(-1.0 / 60);
    private static final double LOAD_5_DECAY = Math.exp(-1.0 / 300);
    private static final double LOAD_15_DECAY = Math.exp(-1.0 / 900);

    private final NodeId node;
    private final SplittableRandom random;
    private final boolean zero2w;
    private final String serial;
    private final String address;
    private final boolean serialLink;
    private final int throttledRaw;
    private final double startUptimeSeconds;
    private long seq;
    private double tempC;
    private double load1;
    private double load5;
    private double load15;
    private long availableBytes;
    private long freeBytes;
    private long usbRx;
    private long usbTx;
    private long serialRx;
    private long serialTx;

    /**
     * {@code index} is the node's place in the simulated cluster; it seeds every value, so a run is
     * reproducible. Addresses come from a /16 because a /24 holds only 253 nodes.
     */
    SimulatedBoard(NodeId node, int index) {
        this.node = node;
        this.random = new SplittableRandom(0x5EEDL * 31 + index);
        this.zero2w = index % 2 == 1;
        this.serial = String.format("00000000%08x", mix(index + 1));
        this.address = "10.42." + (index / 250) + "." + (2 + index % 250) + "/16";
        this.serialLink = index % 4 == 3;
        int kind = random.nextInt(100);
        // Most boards are fine; some saw under-voltage since boot; one in fifty is short of power now.
        this.throttledRaw = kind < 85 ? 0 : kind < 98 ? 0x50000 : 0x50005;
        this.startUptimeSeconds = 3_600 + random.nextDouble() * 30 * 86_400;
        this.tempC = (zero2w ? 44 : 40) + random.nextDouble() * 10;
        this.load1 = random.nextDouble() * (zero2w ? 0.8 : 0.3);
        this.load5 = load1;
        this.load15 = load1;
        this.availableBytes = (long) (memTotal() * (0.6 + random.nextDouble() * 0.2));
        this.freeBytes = (long) (DISK_BYTES * (0.55 + random.nextDouble() * 0.2));
        this.usbRx = random.nextLong(1L << 30);
        this.usbTx = random.nextLong(1L << 30);
    }

    /** The next report, as of {@code elapsedSeconds} after the simulation started. */
    HealthReport next(String ts, double elapsedSeconds) {
        step();
        List<HealthReport.Link> links = new ArrayList<>(2);
        links.add(new HealthReport.Link("usb0", "usb", true, true, address, usbRx, usbTx, 0L, 0L));
        if (serialLink) {
            links.add(new HealthReport.Link("zcl0", "serial", true, false, address, serialRx, serialTx, 0L, 0L));
        }
        return new HealthReport(HealthReport.SCHEMA, node, ts, seq++, zero2w ? ZERO_2W : ZERO_W, serial,
                round(startUptimeSeconds + elapsedSeconds, 100), round(load1, 100), round(load5, 100),
                round(load15, 100), zero2w ? 4 : 1, round(tempC, 1000), cpuFreqMHz(),
                Throttled.decode(throttledRaw),
                new HealthReport.Memory(memTotal(), availableBytes),
                new HealthReport.Disk("/", DISK_BYTES, freeBytes),
                links,
                new HealthReport.Tweaks("off", "off"));
    }

    long seq() {
        return seq;
    }

    /** One second of drift: temperature and load wander, counters grow, the card fills slowly. */
    private void step() {
        tempC = clamp(tempC + random.nextGaussian() * 0.3, 35, 70);
        double runnable = Math.max(0, load1 + random.nextGaussian() * 0.1);
        load1 = load1 * LOAD_1_DECAY + runnable * (1 - LOAD_1_DECAY);
        load5 = load5 * LOAD_5_DECAY + load1 * (1 - LOAD_5_DECAY);
        load15 = load15 * LOAD_15_DECAY + load1 * (1 - LOAD_15_DECAY);
        availableBytes = (long) clamp(availableBytes + random.nextGaussian() * 64 * 1024,
                memTotal() * 0.3, memTotal() * 0.9);
        freeBytes = Math.max(0, freeBytes - random.nextInt(8) * 4096L);
        usbRx += 200 + random.nextInt(1_500);
        usbTx += 900 + random.nextInt(1_200);
        if (serialLink) {
            serialRx += random.nextInt(60);
            serialTx += random.nextInt(60);
        }
    }

    private long memTotal() {
        return zero2w ? ZERO_2W_MEM_BYTES : ZERO_W_MEM_BYTES;
    }

    /** The ondemand governor's two steps on each board. */
    private int cpuFreqMHz() {
        boolean busy = load1 > (zero2w ? 0.5 : 0.2);
        return busy ? 1000 : zero2w ? 600 : 700;
    }

    private static double round(double value, double scale) {
        return Math.round(value * scale) / scale;
    }

    private static double clamp(double value, double min, double max) {
        return Math.max(min, Math.min(max, value));
    }

    /** A 32-bit integer hash (murmur3's finalizer), so serials look random but stay distinct. */
    private static int mix(int x) {
        int h = x;
        h ^= h >>> 16;
        h *= 0x85EBCA6B;
        h ^= h >>> 13;
        h *= 0xC2B2AE35;
        h ^= h >>> 16;
        return h;
    }
}
