package dev.zerocluster.core.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The node's loop keeps ScheduledThreadPoolExecutor's contract where the node and its session rely on it. */
class EventLoopTest {
    private final EventLoop loop = EventLoop.start("loop-test");

    @AfterEach
    void stop() throws InterruptedException {
        loop.shutdownNow();
        assertThat(loop.awaitTermination(2, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void tasksRunInOrderOnTheLoopsOwnThread() throws Exception {
        List<Integer> order = Collections.synchronizedList(new ArrayList<>());
        AtomicReference<String> thread = new AtomicReference<>();
        for (int i = 0; i < 100; i++) {
            int n = i;
            loop.execute(() -> order.add(n));
        }
        Future<?> last = loop.submit(() -> thread.set(Thread.currentThread().getName()));
        last.get(2, TimeUnit.SECONDS);
        assertThat(order).hasSize(100).isSorted();
        assertThat(thread.get()).isEqualTo("loop-test");
    }

    @Test
    void aTaskMayQueueAnotherAndATimer() throws Exception {
        CountDownLatch done = new CountDownLatch(2);
        loop.execute(() -> {
            loop.execute(done::countDown);
            loop.schedule(done::countDown, 10, TimeUnit.MILLISECONDS);
        });
        assertThat(done.await(2, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void aTimerRunsAfterItsDelayAndGivesItsResult() throws Exception {
        long start = System.nanoTime();
        ScheduledFuture<String> f = loop.schedule(() -> "ran", 500, TimeUnit.MILLISECONDS);
        assertThat(f.getDelay(TimeUnit.MILLISECONDS)).isBetween(1L, 500L);
        assertThat(f.isDone()).isFalse();
        assertThat(f.get(5, TimeUnit.SECONDS)).isEqualTo("ran");
        assertThat(System.nanoTime() - start).isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(500));
        assertThat(f.isDone()).isTrue();
    }

    @Test
    void timersRunInTheOrderOfTheirDeadlinesWhateverTheOrderTheyWereMadeIn() throws Exception {
        // Each timer's deadline lies between the clock before and after this thread made it. Should
        // the thread stall while making them, the deadlines are not in the order of the delays, and
        // the loop must follow the deadlines: no timer runs before one whose deadline is surely earlier.
        List<long[]> ran = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch done = new CountDownLatch(20);
        // More than the array starts with, made in a shuffled order.
        int[] delays = {19, 3, 7, 0, 12, 5, 18, 1, 9, 14, 2, 16, 6, 11, 4, 17, 8, 13, 10, 15};
        for (int d : delays) {
            long delayNanos = TimeUnit.MILLISECONDS.toNanos(100 + d * 10L);
            long[] deadline = {System.nanoTime() + delayNanos, 0};
            loop.schedule(() -> {
                ran.add(deadline);
                done.countDown();
            }, delayNanos, TimeUnit.NANOSECONDS);
            deadline[1] = System.nanoTime() + delayNanos;
        }
        assertThat(done.await(5, TimeUnit.SECONDS)).isTrue();
        for (int i = 1; i < ran.size(); i++) {
            assertThat(ran.get(i - 1)[0]).as("run %d's earliest deadline against run %d's latest", i - 1, i)
                    .isLessThanOrEqualTo(ran.get(i)[1]);
        }
    }

    @Test
    void aCancelledTimerNeverRuns() throws Exception {
        AtomicInteger runs = new AtomicInteger();
        ScheduledFuture<?> f = loop.schedule(runs::incrementAndGet, 50, TimeUnit.MILLISECONDS);
        assertThat(f.cancel(false)).isTrue();
        assertThat(f.isCancelled()).isTrue();
        assertThatThrownBy(f::get).isInstanceOf(CancellationException.class);
        loop.schedule(() -> { }, 100, TimeUnit.MILLISECONDS).get(2, TimeUnit.SECONDS);
        assertThat(runs).hasValue(0);
    }

    @Test
    void aFixedRateTimerKeepsItsGridAndStopsWhenCancelled() throws Exception {
        List<Long> runs = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch five = new CountDownLatch(5);
        long start = System.nanoTime();
        ScheduledFuture<?> f = loop.scheduleAtFixedRate(() -> {
            runs.add(System.nanoTime() - start);
            five.countDown();
        }, 0, 40, TimeUnit.MILLISECONDS);
        assertThat(five.await(3, TimeUnit.SECONDS)).isTrue();
        f.cancel(false);
        int seen = runs.size();
        loop.schedule(() -> { }, 100, TimeUnit.MILLISECONDS).get(2, TimeUnit.SECONDS);
        assertThat(runs).hasSize(seen);
        // Run k is due at k × 40 ms from the start: never before it.
        for (int k = 0; k < runs.size(); k++) {
            assertThat(runs.get(k)).isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(40L * k));
        }
        assertThatThrownBy(() -> f.get(1, TimeUnit.SECONDS)).isInstanceOf(CancellationException.class);
    }

    @Test
    void aFixedDelayTimerWaitsItsDelayAfterEachRun() throws Exception {
        List<Long> ends = Collections.synchronizedList(new ArrayList<>());
        List<Long> starts = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch three = new CountDownLatch(3);
        loop.scheduleWithFixedDelay(() -> {
            starts.add(System.nanoTime());
            sleep(20);
            ends.add(System.nanoTime());
            three.countDown();
        }, 0, 30, TimeUnit.MILLISECONDS);
        assertThat(three.await(3, TimeUnit.SECONDS)).isTrue();
        for (int k = 1; k < 3; k++) {
            assertThat(starts.get(k) - ends.get(k - 1)).isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(30));
        }
    }

    @Test
    void aSelfTimedTaskRunsAfterTheDelaysItGivesAndStopsAtZero() throws Exception {
        long[] delaysMillis = {40, 120, 10, 0};
        List<Long> at = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger runs = new AtomicInteger();
        long start = System.nanoTime();
        ScheduledFuture<?> f = loop.scheduleSelfTimed(() -> {
            at.add(System.nanoTime() - start);
            return TimeUnit.MILLISECONDS.toNanos(delaysMillis[runs.getAndIncrement()]);
        }, TimeUnit.MILLISECONDS.toNanos(30));
        f.get(2, TimeUnit.SECONDS);
        Thread.sleep(100);
        assertThat(runs.get()).as("no run after the one that said 0").isEqualTo(4);
        long[] gaps = {at.get(0), at.get(1) - at.get(0), at.get(2) - at.get(1), at.get(3) - at.get(2)};
        long[] least = {30, 40, 120, 10};
        for (int i = 0; i < gaps.length; i++) {
            assertThat(gaps[i]).as("gap " + i).isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(least[i]));
        }
        assertThat(f.isDone()).isTrue();
    }

    @Test
    void aSelfTimedTaskStopsAtShutdownAndWhenItThrows() throws Exception {
        AtomicInteger runs = new AtomicInteger();
        ScheduledFuture<?> throwing = loop.scheduleSelfTimed(() -> {
            runs.incrementAndGet();
            throw new IllegalStateException("broken on purpose");
        }, 0);
        assertThatThrownBy(() -> throwing.get(2, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                .hasRootCauseMessage("broken on purpose");
        ScheduledFuture<?> forever = loop.scheduleSelfTimed(() -> TimeUnit.MILLISECONDS.toNanos(10), 0);
        Thread.sleep(50);
        loop.shutdown();
        assertThat(loop.awaitTermination(2, TimeUnit.SECONDS)).isTrue();
        assertThat(forever.isCancelled()).isTrue();
        assertThat(runs.get()).isEqualTo(1);
    }

    @Test
    void theIdleTaskRunsAtTheEndOfAWakeUpAfterAllItsWorkAndNotWhileTheLoopSleeps() throws Exception {
        List<String> log = Collections.synchronizedList(new ArrayList<>());
        loop.setIdleTask(() -> {
            log.add("idle");
            return 0;
        });
        await().atMost(Duration.ofSeconds(5)).until(() -> log.contains("idle"));
        settled(log::size);
        log.clear();
        // Two tasks and a timer, all waiting while the first task holds the loop: the idle task
        // after the three, never between them.
        CountDownLatch hold = new CountDownLatch(1);
        loop.execute(() -> {
            try {
                hold.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            log.add("a");
        });
        loop.execute(() -> log.add("b"));
        loop.schedule(() -> log.add("timer"), 0, TimeUnit.MILLISECONDS);
        hold.countDown();
        await().atMost(Duration.ofSeconds(5)).until(() -> log.size() >= 4);
        assertThat(log.subList(0, 4)).containsExactly("a", "b", "timer", "idle");
        // The unparks that came while the loop was busy may end its next park at once: a wake-up
        // more, no more than that; then nothing wakes the loop, and the task asked for no deadline.
        assertThat(settled(log::size)).isBetween(4, 5);
    }

    @Test
    void theIdleTaskRunsAgainAfterItsDelayWhenNothingElseWakesTheLoopAndNotAfterItIsRemoved() throws Exception {
        List<Long> at = Collections.synchronizedList(new ArrayList<>());
        long start = System.nanoTime();
        loop.setIdleTask(() -> {
            at.add(System.nanoTime() - start);
            return TimeUnit.MILLISECONDS.toNanos(40);
        });
        await().atMost(Duration.ofSeconds(5)).until(() -> at.size() >= 6);
        loop.setIdleTask(null);
        int runs = settled(at::size);
        // The first gap may be shorter: an unpark owed from the loop's start ends its first park at
        // once, a wake-up that runs the task again. After that only the task's delay wakes the loop.
        for (int i = 2; i < runs; i++) {
            assertThat(at.get(i) - at.get(i - 1)).as("gap " + i).isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(40));
        }
        Thread.sleep(200);
        assertThat(at).as("no run after the removal").hasSize(runs);
    }

    @Test
    void anIdleTaskThatThrowsIsLoggedAndRunsAgainAtTheNextWakeUp() throws Exception {
        AtomicInteger runs = new AtomicInteger();
        loop.setIdleTask(() -> {
            runs.incrementAndGet();
            throw new IllegalStateException("broken on purpose");
        });
        await().atMost(Duration.ofSeconds(5)).until(() -> runs.get() > 0);
        int before = settled(runs::get);
        loop.submit(() -> { }).get(2, TimeUnit.SECONDS);
        await().atMost(Duration.ofSeconds(5)).until(() -> runs.get() > before);
        assertThat(settled(runs::get)).isEqualTo(before + 1);
    }

    /**
     * The count once it has stayed the same for 150 ms: the loop has gone back to sleep. Waits for
     * that rather than for a fixed time, which a busy machine may not give the loop.
     */
    private static int settled(IntSupplier count) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        int last = count.getAsInt();
        while (true) {
            Thread.sleep(150);
            int now = count.getAsInt();
            if (now == last) {
                return now;
            }
            assertThat(System.nanoTime() - deadline).as("the loop went back to sleep within 5 s").isNegative();
            last = now;
        }
    }

    @Test
    void aTaskThatThrowsIsLoggedAndTheLoopGoesOn() throws Exception {
        loop.execute(() -> {
            throw new IllegalStateException("boom");
        });
        assertThat(loop.submit(() -> 42).get(2, TimeUnit.SECONDS)).isEqualTo(42);
    }

    @Test
    void aPeriodicTaskThatThrowsRunsNoMoreAndSaysWhy() throws Exception {
        AtomicInteger runs = new AtomicInteger();
        ScheduledFuture<?> f = loop.scheduleAtFixedRate(() -> {
            if (runs.incrementAndGet() == 2) {
                throw new IllegalStateException("second run");
            }
        }, 0, 10, TimeUnit.MILLISECONDS);
        assertThatThrownBy(() -> f.get(2, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                .hasRootCauseMessage("second run");
        loop.schedule(() -> { }, 60, TimeUnit.MILLISECONDS).get(2, TimeUnit.SECONDS);
        assertThat(runs).hasValue(2);
    }

    @Test
    void getWaitsNoLongerThanItsBound() {
        ScheduledFuture<?> f = loop.schedule(() -> { }, 1, TimeUnit.HOURS);
        assertThatThrownBy(() -> f.get(50, TimeUnit.MILLISECONDS)).isInstanceOf(TimeoutException.class);
        assertThat(f.getDelay(TimeUnit.MINUTES)).isBetween(58L, 60L);
    }

    @Test
    void aDelayOfCenturiesIsNeverRatherThanAnOverflow() throws Exception {
        AtomicInteger runs = new AtomicInteger();
        loop.schedule(runs::incrementAndGet, Long.MAX_VALUE, TimeUnit.DAYS);
        loop.schedule(() -> { }, 50, TimeUnit.MILLISECONDS).get(2, TimeUnit.SECONDS);
        assertThat(runs).hasValue(0);
    }

    @Test
    void afterShutdownPendingWorkAndOneShotTimersRunPeriodicOnesStopAndNothingNewIsTaken() throws Exception {
        AtomicInteger periodic = new AtomicInteger();
        CountDownLatch started = new CountDownLatch(1);
        ScheduledFuture<?> p = loop.scheduleAtFixedRate(() -> {
            periodic.incrementAndGet();
            started.countDown();
        }, 0, 10, TimeUnit.MILLISECONDS);
        assertThat(started.await(2, TimeUnit.SECONDS)).isTrue();
        ScheduledFuture<String> once = loop.schedule(() -> "late", 100, TimeUnit.MILLISECONDS);
        loop.shutdown();
        assertThat(loop.isShutdown()).isTrue();
        assertThat(p.isCancelled()).isTrue();
        assertThatThrownBy(() -> loop.execute(() -> { })).isInstanceOf(RejectedExecutionException.class)
                .hasMessageContaining("loop-test");
        assertThatThrownBy(() -> loop.schedule(() -> { }, 1, TimeUnit.SECONDS))
                .isInstanceOf(RejectedExecutionException.class);
        assertThat(once.get(2, TimeUnit.SECONDS)).isEqualTo("late");
        assertThat(loop.awaitTermination(2, TimeUnit.SECONDS)).isTrue();
        assertThat(loop.isTerminated()).isTrue();
    }

    @Test
    void shutdownNowInterruptsTheRunningTaskAndHandsBackWhatWasWaiting() throws Exception {
        CountDownLatch running = new CountDownLatch(1);
        AtomicReference<Boolean> interrupted = new AtomicReference<>();
        loop.execute(() -> {
            running.countDown();
            try {
                Thread.sleep(10_000);
                interrupted.set(false);
            } catch (InterruptedException e) {
                interrupted.set(true);
            }
        });
        assertThat(running.await(2, TimeUnit.SECONDS)).isTrue();
        Runnable waiting = () -> { };
        loop.execute(waiting);
        loop.schedule(() -> { }, 1, TimeUnit.HOURS);
        List<Runnable> left = loop.shutdownNow();
        assertThat(left).hasSize(2).contains(waiting);
        assertThat(loop.awaitTermination(2, TimeUnit.SECONDS)).isTrue();
        assertThat(interrupted.get()).isTrue();
    }

    @Test
    void nullTasksAndPeriodsThatAreNotPositiveAreRefused() {
        assertThatThrownBy(() -> loop.execute(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> loop.schedule((Runnable) null, 1, TimeUnit.SECONDS))
                .isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> loop.scheduleAtFixedRate(() -> { }, 0, 0, TimeUnit.SECONDS))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("positive");
        assertThatThrownBy(() -> loop.scheduleWithFixedDelay(() -> { }, 0, -1, TimeUnit.SECONDS))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
