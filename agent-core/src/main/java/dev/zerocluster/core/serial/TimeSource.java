package dev.zerocluster.core.serial;

/**
 * The monotonic clock and the parking that every wait of the MAX3109 driver goes through, so
 * that tests can run the driver and the chip model on one simulated clock (a megabyte at
 * 115,200 baud is 87 s of line time). Semantics follow {@link java.util.concurrent.locks.LockSupport}:
 * {@link #parkNanos} may return early (after {@link #unpark} or spuriously), so callers loop.
 */
public interface TimeSource {

    long nanoTime();

    /** Blocks the calling thread for at most {@code nanos}, or until {@link #unpark} of it. */
    void parkNanos(long nanos);

    void unpark(Thread thread);
}
