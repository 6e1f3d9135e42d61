package dev.zerocluster.master.broker;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the broker's events for the registry on one thread, in the order they were handed in, a
 * batch at a time: after the first event of a batch arrives, the thread waits {@code gather} for
 * more, then runs them all.
 *
 * <p>Why: at 1000 nodes Moquette's interceptor thread took one report a millisecond, each on cold
 * caches, and parsing it there cost several times what the same code costs when it runs back to
 * back (docs/performance.md, "Master ingest"). Gathered for 10 ms, ten or so reports run together
 * and the interceptor thread only copies and queues. The price is the gather time, added to each
 * report's way to the registry.
 */
public final class EventBatches implements Executor, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EventBatches.class);
    /** How long {@link #close} lets the thread finish what was queued before it. */
    private static final Duration CLOSE_WAIT = Duration.ofSeconds(2);

    private final long gatherNanos;
    private final Object lock = new Object();
    private final Thread thread;
    private ArrayDeque<Runnable> pending = new ArrayDeque<>();
    private boolean closed;

    public EventBatches(String name, Duration gather) {
        if (gather.isNegative()) {
            throw new IllegalArgumentException("gather time must not be negative: " + gather);
        }
        this.gatherNanos = gather.toNanos();
        this.thread = new Thread(this::run, name);
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void execute(Runnable event) {
        synchronized (lock) {
            if (closed) {
                throw new RejectedExecutionException("closed");
            }
            pending.add(event);
            if (pending.size() == 1) {
                lock.notifyAll();
            }
        }
    }

    private void run() {
        ArrayDeque<Runnable> batch = new ArrayDeque<>();
        while (true) {
            synchronized (lock) {
                while (pending.isEmpty() && !closed) {
                    try {
                        lock.wait();
                    } catch (InterruptedException e) {
                        closed = true;
                    }
                }
                if (pending.isEmpty()) {
                    return;
                }
            }
            if (gatherNanos > 0 && !isClosed()) {
                try {
                    Thread.sleep(gatherNanos / 1_000_000, (int) (gatherNanos % 1_000_000));
                } catch (InterruptedException e) {
                    synchronized (lock) {
                        closed = true;
                    }
                }
            }
            synchronized (lock) {
                ArrayDeque<Runnable> full = pending;
                pending = batch;
                batch = full;
            }
            for (Runnable event = batch.poll(); event != null; event = batch.poll()) {
                try {
                    event.run();
                } catch (RuntimeException e) {
                    // One bad event must not stop the ones after it.
                    LOG.warn("a broker event failed: {}", e.toString());
                }
            }
        }
    }

    private boolean isClosed() {
        synchronized (lock) {
            return closed;
        }
    }

    /** Refuses new events, runs those already queued, and ends the thread (bounded wait). */
    @Override
    public void close() {
        synchronized (lock) {
            closed = true;
            lock.notifyAll();
        }
        try {
            thread.join(CLOSE_WAIT.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (thread.isAlive()) {
            LOG.warn("broker events still running after {}; leaving them", CLOSE_WAIT);
            thread.interrupt();
        }
    }
}
