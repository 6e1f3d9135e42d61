package dev.zerocluster.core.serial;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A simulated clock for the driver threads of a test and the chip models they talk to, so that a
 * megabyte at 115,200 baud (87 s of line time) takes a second or two of real time.
 *
 * <p>Time moves only when every registered thread is parked: it then jumps to the earliest park
 * deadline or scheduled event (a chip model's IRQ line changing, say), runs the events due and
 * wakes the threads due. A thread that computes, or waits on anything but this clock, holds time
 * still, so no thread ever sees time jump under it. A thread that waits for something other than
 * this clock (a test joining its workers) must not be registered meanwhile: {@link #join} does
 * that. If time cannot move for {@link #STALL_LIMIT} of real time, the parked threads fail with
 * an AssertionError instead of hanging the build.
 */
public final class VirtualTime implements TimeSource {

    static final Duration STALL_LIMIT = Duration.ofSeconds(60);

    private final Object lock = new Object();
    private final Set<Thread> participants = new HashSet<>();
    private final Map<Thread, Long> parked = new HashMap<>();
    private final Set<Thread> permits = new HashSet<>();
    private final PriorityQueue<Event> events = new PriorityQueue<>();
    private volatile long now;
    private long eventSeq;
    private int runningEvents;

    private record Event(long at, long seq, Runnable action) implements Comparable<Event> {
        @Override
        public int compareTo(Event o) {
            int c = Long.compare(at, o.at);
            return c != 0 ? c : Long.compare(seq, o.seq);
        }
    }

    @Override
    public long nanoTime() {
        return now;
    }

    /** Makes the calling thread one whose parks move the clock. */
    public void register() {
        synchronized (lock) {
            participants.add(Thread.currentThread());
        }
    }

    public void deregister() {
        synchronized (lock) {
            participants.remove(Thread.currentThread());
            lock.notifyAll();
        }
    }

    /** Runs {@code action} at virtual time {@code atNanos} (or at once if that has passed). */
    public void schedule(long atNanos, Runnable action) {
        synchronized (lock) {
            events.add(new Event(Math.max(atNanos, now), eventSeq++, action));
            lock.notifyAll();
        }
    }

    /** Starts a registered thread running {@code body}. */
    public <T> Future<T> start(String name, Callable<T> body) {
        FutureTask<T> task = new FutureTask<>(body);
        Thread thread = new Thread(() -> {
            try {
                task.run();
            } finally {
                deregister();
            }
        }, name);
        thread.setDaemon(true);
        synchronized (lock) {
            participants.add(thread); // before start: the clock must not run ahead of it
        }
        thread.start();
        return task;
    }

    /**
     * Waits (in real time, at most {@code limit} in all) for the futures, with the calling thread
     * stepped out of the clock meanwhile; rethrows the first failure.
     */
    public void join(Duration limit, Future<?>... futures) throws Exception {
        boolean wasRegistered;
        synchronized (lock) {
            wasRegistered = participants.remove(Thread.currentThread());
            lock.notifyAll();
        }
        long deadline = System.nanoTime() + limit.toNanos();
        try {
            for (Future<?> future : futures) {
                try {
                    future.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                } catch (ExecutionException e) {
                    for (Future<?> other : futures) {
                        other.cancel(true);
                    }
                    if (e.getCause() instanceof Exception cause) {
                        throw cause;
                    }
                    throw (Error) e.getCause();
                } catch (TimeoutException e) {
                    throw new AssertionError("participants still running after " + limit + " of real time at virtual "
                            + Duration.ofNanos(now) + "; " + describe(), e);
                }
            }
        } finally {
            if (wasRegistered) {
                register();
            }
        }
    }

    @Override
    public void parkNanos(long nanos) {
        Thread me = Thread.currentThread();
        synchronized (lock) {
            if (!participants.contains(me)) {
                throw new AssertionError("thread " + me.getName() + " parks on virtual time without being registered");
            }
            if (permits.remove(me) || nanos <= 0) {
                return;
            }
            long deadline = now + nanos < now ? Long.MAX_VALUE : now + nanos;
            parked.put(me, deadline);
        }
        boolean interrupted = false;
        long lastNow = now;
        long realSince = System.nanoTime();
        try {
            while (true) {
                List<Runnable> due;
                synchronized (lock) {
                    if (!parked.containsKey(me)) {
                        return;
                    }
                    if (runningEvents > 0 || parked.size() < participants.size()) {
                        try {
                            lock.wait(100);
                        } catch (InterruptedException e) {
                            // A park returns on interrupt, but the driver's loops would then spin
                            // without time moving; keep waiting and restore the flag afterwards.
                            interrupted = true;
                        }
                        if (now != lastNow) {
                            lastNow = now;
                            realSince = System.nanoTime();
                        } else if (System.nanoTime() - realSince > STALL_LIMIT.toNanos()) {
                            parked.remove(me);
                            throw new AssertionError("virtual time stalled at " + Duration.ofNanos(now) + " for "
                                    + STALL_LIMIT + " of real time; " + describe());
                        }
                        continue;
                    }
                    due = advance();
                    if (!due.isEmpty()) {
                        runningEvents++;
                    }
                    lock.notifyAll();
                }
                if (!due.isEmpty()) {
                    try {
                        for (Runnable action : due) {
                            action.run();
                        }
                    } finally {
                        synchronized (lock) {
                            runningEvents--;
                            lock.notifyAll();
                        }
                    }
                }
            }
        } finally {
            if (interrupted) {
                me.interrupt();
            }
        }
    }

    @Override
    public void unpark(Thread thread) {
        synchronized (lock) {
            if (parked.remove(thread) != null) {
                lock.notifyAll();
            } else {
                permits.add(thread);
            }
        }
    }

    /** Everyone is parked: jump to the next deadline or event. Called with the lock held. */
    private List<Runnable> advance() {
        long next = Long.MAX_VALUE;
        for (long deadline : parked.values()) {
            next = Math.min(next, deadline);
        }
        if (!events.isEmpty()) {
            next = Math.min(next, events.peek().at());
        }
        if (next == Long.MAX_VALUE) {
            throw new AssertionError("every thread is parked forever; " + describe());
        }
        now = Math.max(now, next);
        parked.values().removeIf(deadline -> deadline <= now);
        List<Runnable> due = new ArrayList<>();
        while (!events.isEmpty() && events.peek().at() <= now) {
            due.add(events.poll().action());
        }
        return due;
    }

    private String describe() {
        synchronized (lock) {
            StringBuilder s = new StringBuilder("participants:");
            for (Thread t : participants) {
                Long deadline = parked.get(t);
                s.append(' ').append(t.getName()).append(deadline == null ? " (running)"
                        : " (parked until " + Duration.ofNanos(deadline) + ")");
            }
            return s.append(", events: ").append(events.size()).toString();
        }
    }
}
