package dev.zerocluster.core.serial;

import java.util.concurrent.locks.LockSupport;

/** The real clock: {@link System#nanoTime()} and {@link LockSupport}. */
public final class SystemTimeSource implements TimeSource {

    public static final SystemTimeSource INSTANCE = new SystemTimeSource();

    private SystemTimeSource() {
    }

    @Override
    public long nanoTime() {
        return System.nanoTime();
    }

    @Override
    public void parkNanos(long nanos) {
        LockSupport.parkNanos(this, nanos);
    }

    @Override
    public void unpark(Thread thread) {
        LockSupport.unpark(thread);
    }
}
