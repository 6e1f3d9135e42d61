package dev.zerocluster.master.registry;

/**
 * Publish-to-registry latency, in log-spaced buckets 1 % wide from 1 µs to about 17 minutes, so a
 * percentile is exact to 1 % whatever the load, in 16 KiB. Thread-safe.
 */
public final class LatencyHistogram {
    private static final double GROWTH = 1.01;
    private static final int BUCKETS = 2100;
    private final long[] counts = new long[BUCKETS];
    private long total;

    public synchronized void recordMicros(long micros) {
        counts[bucket(Math.max(1, micros))]++;
        total++;
    }

    public synchronized long count() {
        return total;
    }

    /** The latency below which {@code fraction} of the samples lie, in milliseconds; NaN when empty. */
    public synchronized double percentileMillis(double fraction) {
        if (total == 0) {
            return Double.NaN;
        }
        long rank = (long) Math.ceil(fraction * total);
        long seen = 0;
        for (int i = 0; i < BUCKETS; i++) {
            seen += counts[i];
            if (seen >= rank) {
                return Math.pow(GROWTH, i + 1) / 1000.0;
            }
        }
        return Math.pow(GROWTH, BUCKETS) / 1000.0;
    }

    public synchronized void reset() {
        java.util.Arrays.fill(counts, 0);
        total = 0;
    }

    private static int bucket(long micros) {
        return (int) Math.min(BUCKETS - 1, Math.floor(Math.log(micros) / Math.log(GROWTH)));
    }
}
