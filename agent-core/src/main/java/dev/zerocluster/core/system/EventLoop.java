package dev.zerocluster.core.system;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Delayed;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One daemon thread that runs tasks in order and a few timers, and parks in between: the node's
 * thread, which wakes once a second to report and otherwise sleeps.
 *
 * <p>Why not {@code Executors.newSingleThreadScheduledExecutor}: on the development machine a
 * report's CPU is mostly the price of touching, after an idle second, memory that has gone cold,
 * page by page (docs/performance.md, "Node footprint"), and the JDK's scheduled executor made
 * every wake-up run about 75 compiled methods of its own (its delay queue, the
 * AbstractQueuedSynchronizer behind its lock and condition, FutureTask, the worker's lock) and
 * allocate a task object for every one-shot timer. Here a wake-up runs a few methods of one class:
 * the queue and the timers are guarded by one monitor, the thread parks with {@link LockSupport},
 * and a fixed-rate timer moves its own deadline instead of being queued anew.
 *
 * <p>The timers are kept in an unsorted array and the next one is found by a scan, which suits
 * the handful a node has (its reports, its link watch, a reconnect, the master's gate). Semantics
 * follow {@code ScheduledThreadPoolExecutor} with its default policies: a periodic task that
 * throws is not run again, a one-shot timer still runs after {@link #shutdown} while periodic ones
 * stop, and {@link #shutdownNow} drops everything and interrupts the thread. A task that throws
 * is logged, and the thread goes on.
 */
public final class EventLoop extends AbstractExecutorService implements ScheduledExecutorService {
    private static final Logger LOG = LoggerFactory.getLogger(EventLoop.class);
    private static final int RUNNING = 0;
    private static final int SHUTDOWN = 1;
    private static final int STOPPED = 2;
    /**
     * The longest delay the loop keeps, so that now plus a delay cannot overflow: a delay of
     * centuries is "never" all the same.
     */
    private static final long MAX_DELAY_NANOS = Long.MAX_VALUE >> 2;

    private final Object lock = new Object();
    /**
     * The tasks waiting, {@link #taskCount} of them from {@link #taskHead}, in a ring. Not an
     * ArrayDeque: its methods are compiled early in the JVM's life, each on a code page of its own,
     * and every wake-up of the loop touched them (docs/performance.md, "Node footprint").
     */
    private Runnable[] tasks = new Runnable[16];
    private int taskHead;
    private int taskCount;
    private Timer<?>[] timers = new Timer<?>[8];
    private int timerCount;
    private int state = RUNNING;
    private final CountDownLatch terminated = new CountDownLatch(1);
    private final Thread thread;
    /** See {@link #setIdleTask}; the three fields after it belong to the loop's thread. */
    private volatile SelfTimed idleTask;
    /** Whether the idle task ran since the thread last woke. */
    private boolean idleRan;
    private boolean idleHasDeadline;
    private long idleDeadline;

    private EventLoop(String name) {
        thread = new Thread(this::run, name);
        thread.setDaemon(true);
    }

    /** A loop on a new daemon thread called {@code name}, started. */
    public static EventLoop start(String name) {
        EventLoop loop = new EventLoop(name);
        loop.thread.start();
        return loop;
    }

    @Override
    public void execute(Runnable task) {
        if (task == null) {
            throw new NullPointerException("task");
        }
        synchronized (lock) {
            checkRunning();
            if (taskCount == tasks.length) {
                Runnable[] grown = new Runnable[tasks.length * 2];
                for (int i = 0; i < taskCount; i++) {
                    grown[i] = tasks[(taskHead + i) % tasks.length];
                }
                tasks = grown;
                taskHead = 0;
            }
            tasks[(taskHead + taskCount++) % tasks.length] = task;
        }
        wake();
    }

    @Override
    public ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
        return add(new Timer<Void>(command, null, deadline(delay, unit), 0));
    }

    @Override
    public <V> ScheduledFuture<V> schedule(Callable<V> callable, long delay, TimeUnit unit) {
        if (callable == null) {
            throw new NullPointerException("callable");
        }
        return add(new Timer<>(null, callable, deadline(delay, unit), 0));
    }

    /** Runs at {@code initialDelay}, then on a grid of {@code period}; a late run does not shift the grid. */
    @Override
    public ScheduledFuture<?> scheduleAtFixedRate(Runnable command, long initialDelay, long period, TimeUnit unit) {
        return add(new Timer<Void>(command, null, deadline(initialDelay, unit), positive(period, unit)));
    }

    /** Runs at {@code initialDelay}, then {@code delay} after the end of each run. */
    @Override
    public ScheduledFuture<?> scheduleWithFixedDelay(Runnable command, long initialDelay, long delay, TimeUnit unit) {
        return add(new Timer<Void>(command, null, deadline(initialDelay, unit), -positive(delay, unit)));
    }

    /** A task that says, each time it runs, how long until its next run. */
    @FunctionalInterface
    public interface SelfTimed {
        /** Runs once; returns the nanoseconds until the next run, or 0 or less for none. */
        long runAndDelayNanos();
    }

    /**
     * Runs {@code task} after {@code initialDelayNanos}, then again after whatever delay each run
     * returns, until a run returns 0 or less, it throws, or the loop shuts down: for work whose
     * pace changes, such as the node's link watch. One timer for its whole life, where a one-shot
     * timer scheduled again from each run made a timer, a task object and a {@link TimeUnit}
     * conversion every time, compiled code a report's wake-up then touched after an idle second
     * (docs/performance.md, "Node footprint").
     */
    public ScheduledFuture<?> scheduleSelfTimed(SelfTimed task, long initialDelayNanos) {
        if (task == null) {
            throw new NullPointerException("task");
        }
        Timer<Void> timer = new Timer<>(null, null, deadline(initialDelayNanos, TimeUnit.NANOSECONDS), 0);
        timer.selfTimed = task;
        return add(timer);
    }

    /**
     * Runs {@code task} at the end of every wake-up, once the loop has nothing left to do and is
     * about to park, and again after the delay the task returns (0 or less: not until the next
     * wake-up) if nothing woke the loop before: work that can ride on the wake-ups the loop makes
     * anyway, such as the node's look at its broker connection, which costs no wake-up of its own
     * while reports wake the loop once a second. One such task per loop; null removes it. A task
     * that throws is logged and runs again at the next wake-up.
     */
    public void setIdleTask(SelfTimed task) {
        idleTask = task;
        wake();
    }

    private static long deadline(long delay, TimeUnit unit) {
        return System.nanoTime() + Math.min(Math.max(0, unit.toNanos(delay)), MAX_DELAY_NANOS);
    }

    private static long positive(long period, TimeUnit unit) {
        long nanos = unit.toNanos(period);
        if (nanos <= 0) {
            throw new IllegalArgumentException("a period must be positive, not " + period + " " + unit);
        }
        return nanos;
    }

    private <V> Timer<V> add(Timer<V> timer) {
        if (timer.command == null && timer.callable == null && timer.selfTimed == null) {
            throw new NullPointerException("command");
        }
        synchronized (lock) {
            checkRunning();
            insert(timer);
        }
        wake();
        return timer;
    }

    /** With {@link #lock} held: new work is taken only while running. */
    private void checkRunning() {
        if (state != RUNNING) {
            throw new RejectedExecutionException("the event loop " + thread.getName() + " is shut down");
        }
    }

    /** With {@link #lock} held. */
    private void insert(Timer<?> timer) {
        if (timerCount == timers.length) {
            timers = Arrays.copyOf(timers, timerCount * 2);
        }
        timers[timerCount++] = timer;
    }

    /** With {@link #lock} held. */
    private void removeAt(int i) {
        timers[i] = timers[--timerCount];
        timers[timerCount] = null;
    }

    /** Whether the caller runs on the loop's thread. */
    public boolean inLoop() {
        return Thread.currentThread() == thread;
    }

    private void wake() {
        if (Thread.currentThread() != thread) {
            LockSupport.unpark(thread);
        }
    }

    private void run() {
        try {
            while (true) {
                Runnable task;
                Timer<?> due = null;
                long waitNanos = 0;
                synchronized (lock) {
                    if (state == STOPPED) {
                        return;
                    }
                    task = pollTask();
                    if (task == null) {
                        long now = System.nanoTime();
                        int next = -1;
                        for (int i = 0; i < timerCount; i++) {
                            if (timers[i].isDone()) {
                                removeAt(i--);
                            } else if (next < 0 || timers[i].deadline - timers[next].deadline < 0) {
                                next = i;
                            }
                        }
                        if (next >= 0 && timers[next].deadline - now <= 0) {
                            due = timers[next];
                            removeAt(next);
                        } else if (next >= 0) {
                            waitNanos = timers[next].deadline - now;
                        } else if (state == SHUTDOWN) {
                            return;
                        }
                    }
                }
                SelfTimed idle = idleTask;
                if (task != null) {
                    runTask(task);
                } else if (due != null) {
                    runTimer(due);
                } else if (idle != null && (!idleRan || idleHasDeadline && idleDeadline - System.nanoTime() <= 0)) {
                    runIdle(idle);
                } else {
                    if (idle != null && idleHasDeadline) {
                        long idleWait = Math.max(1, idleDeadline - System.nanoTime());
                        waitNanos = waitNanos > 0 ? Math.min(waitNanos, idleWait) : idleWait;
                    }
                    if (waitNanos > 0) {
                        LockSupport.parkNanos(this, waitNanos);
                    } else {
                        LockSupport.park(this);
                    }
                    idleRan = false;
                }
                // A task that cleared its own interrupt is fine; one left set would end every park at
                // once. isInterrupted first: Thread.interrupted is compiled early, on a page of its own.
                if (thread.isInterrupted() && Thread.interrupted() && stopped()) {
                    return;
                }
            }
        } finally {
            synchronized (lock) {
                state = STOPPED;
                Arrays.fill(tasks, null);
                taskCount = 0;
                for (int i = 0; i < timerCount; i++) {
                    timers[i].cancel(false);
                }
                timerCount = 0;
            }
            terminated.countDown();
        }
    }

    /** With {@link #lock} held: the first task waiting, taken out, or null. */
    private Runnable pollTask() {
        if (taskCount == 0) {
            return null;
        }
        Runnable task = tasks[taskHead];
        tasks[taskHead] = null;
        taskHead = (taskHead + 1) % tasks.length;
        taskCount--;
        return task;
    }

    /** With {@link #lock} held: every task waiting, in order, into {@code into}. */
    private void drainTasks(List<Runnable> into) {
        for (Runnable task; (task = pollTask()) != null; ) {
            into.add(task);
        }
    }

    private boolean stopped() {
        synchronized (lock) {
            return state == STOPPED;
        }
    }

    private static void runTask(Runnable task) {
        try {
            task.run();
        } catch (RuntimeException | Error e) {
            LOG.warn("a task on the event loop failed", e);
        }
    }

    private void runIdle(SelfTimed idle) {
        idleRan = true;
        idleHasDeadline = false;
        try {
            long delay = idle.runAndDelayNanos();
            if (delay > 0) {
                idleHasDeadline = true;
                idleDeadline = System.nanoTime() + Math.min(delay, MAX_DELAY_NANOS);
            }
        } catch (RuntimeException | Error e) {
            LOG.warn("the idle task on the event loop failed", e);
        }
    }

    private void runTimer(Timer<?> timer) {
        boolean again = timer.fire();
        if (!again) {
            return;
        }
        synchronized (lock) {
            if (state == RUNNING) {
                timer.deadline = timer.selfTimed != null ? System.nanoTime() + timer.nextDelayNanos
                        : timer.period > 0 ? timer.deadline + timer.period : System.nanoTime() - timer.period;
                insert(timer);
                return;
            }
        }
        // Shut down: periodic timers stop, as in ScheduledThreadPoolExecutor.
        timer.cancel(false);
    }

    @Override
    public void shutdown() {
        synchronized (lock) {
            if (state != RUNNING) {
                return;
            }
            state = SHUTDOWN;
            for (int i = 0; i < timerCount; i++) {
                if (timers[i].isRepeating()) {
                    timers[i].cancel(false);
                }
            }
        }
        LockSupport.unpark(thread);
    }

    @Override
    public List<Runnable> shutdownNow() {
        List<Runnable> left = new ArrayList<>();
        synchronized (lock) {
            if (state == STOPPED) {
                return left;
            }
            state = STOPPED;
            drainTasks(left);
            for (int i = 0; i < timerCount; i++) {
                if (!timers[i].isDone()) {
                    left.add(timers[i]);
                }
            }
            timerCount = 0;
        }
        if (Thread.currentThread() != thread) {
            thread.interrupt();
        }
        LockSupport.unpark(thread);
        return left;
    }

    @Override
    public boolean isShutdown() {
        synchronized (lock) {
            return state != RUNNING;
        }
    }

    @Override
    public boolean isTerminated() {
        return terminated.getCount() == 0;
    }

    @Override
    public boolean awaitTermination(long timeout, TimeUnit unit) throws InterruptedException {
        return terminated.await(timeout, unit);
    }

    /**
     * A timer and its future. Its outcome is set under its own monitor, which {@link #get} waits
     * on; {@link #deadline} is moved by the loop's thread, under the loop's lock.
     */
    private static final class Timer<V> implements ScheduledFuture<V>, Runnable {
        private static final int PENDING = 0;
        private static final int DONE = 1;
        private static final int FAILED = 2;
        private static final int CANCELLED = 3;

        private final Runnable command;
        private final Callable<V> callable;
        /** Positive: fixed rate; negative: fixed delay; zero: once, unless {@link #selfTimed}. */
        private final long period;
        /** Set, a timer that runs again after the delay each run returns ({@link #nextDelayNanos}). */
        private SelfTimed selfTimed;
        private long nextDelayNanos;
        /** System.nanoTime of the next run; written by the loop, read by {@link #getDelay} anywhere. */
        private volatile long deadline;
        private volatile int outcome = PENDING;
        private V result;
        private Throwable failure;
        /**
         * Threads in {@link #get}, under this monitor: an outcome is announced only when someone
         * waits, since notifyAll is a call into the VM on a code page of its own, and a one-shot
         * timer of the node's link watch ends every second (docs/performance.md, "Node footprint").
         */
        private int waiters;

        Timer(Runnable command, Callable<V> callable, long deadline, long period) {
            this.command = command;
            this.callable = callable;
            this.deadline = deadline;
            this.period = period;
        }

        boolean isRepeating() {
            return period != 0 || selfTimed != null;
        }

        /** Runs once; true when a periodic timer should be run again. */
        boolean fire() {
            if (outcome != PENDING) {
                return false;
            }
            try {
                if (selfTimed != null) {
                    nextDelayNanos = Math.min(selfTimed.runAndDelayNanos(), MAX_DELAY_NANOS);
                    if (nextDelayNanos <= 0) {
                        finish(DONE, null, null);
                        return false;
                    }
                    return outcome == PENDING;
                }
                if (callable != null) {
                    V v = callable.call();
                    finish(DONE, v, null);
                    return false;
                }
                command.run();
                if (period == 0) {
                    finish(DONE, null, null);
                    return false;
                }
                return outcome == PENDING;
            } catch (Exception | Error e) {
                if (isRepeating()) {
                    LOG.warn("a periodic task on the event loop failed and will not run again", e);
                }
                finish(FAILED, null, e);
                return false;
            }
        }

        @Override
        public void run() {
            fire();
        }

        private synchronized void finish(int how, V value, Throwable cause) {
            if (outcome != PENDING) {
                return;
            }
            result = value;
            failure = cause;
            outcome = how;
            if (waiters > 0) {
                notifyAll();
            }
        }

        @Override
        public synchronized boolean cancel(boolean mayInterruptIfRunning) {
            if (outcome != PENDING) {
                return false;
            }
            outcome = CANCELLED;
            if (waiters > 0) {
                notifyAll();
            }
            return true;
        }

        @Override
        public boolean isCancelled() {
            return outcome == CANCELLED;
        }

        @Override
        public boolean isDone() {
            return outcome != PENDING;
        }

        @Override
        public synchronized V get() throws InterruptedException, ExecutionException {
            waiters++;
            try {
                while (outcome == PENDING) {
                    wait();
                }
            } finally {
                waiters--;
            }
            return report();
        }

        @Override
        public synchronized V get(long timeout, TimeUnit unit)
                throws InterruptedException, ExecutionException, TimeoutException {
            long end = System.nanoTime() + unit.toNanos(timeout);
            waiters++;
            try {
                while (outcome == PENDING) {
                    long left = end - System.nanoTime();
                    if (left <= 0) {
                        throw new TimeoutException();
                    }
                    TimeUnit.NANOSECONDS.timedWait(this, left);
                }
            } finally {
                waiters--;
            }
            return report();
        }

        private V report() throws ExecutionException {
            return switch (outcome) {
                case DONE -> result;
                case FAILED -> throw new ExecutionException(failure);
                default -> throw new CancellationException();
            };
        }

        @Override
        public long getDelay(TimeUnit unit) {
            return unit.convert(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
        }

        @Override
        public int compareTo(Delayed other) {
            return Long.compare(getDelay(TimeUnit.NANOSECONDS), other.getDelay(TimeUnit.NANOSECONDS));
        }
    }
}
