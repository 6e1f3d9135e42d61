package dev.zerocluster.master.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class EventBatchesTest {

    @Test
    void eventsFromManyThreadsRunInTheOrderEachHandedThemIn() throws Exception {
        List<String> ran = Collections.synchronizedList(new ArrayList<>());
        int producers = 4;
        int each = 5000;
        try (EventBatches events = new EventBatches("test-events", Duration.ofMillis(2))) {
            List<Thread> threads = new ArrayList<>();
            for (int p = 0; p < producers; p++) {
                int producer = p;
                threads.add(new Thread(() -> {
                    for (int i = 0; i < each; i++) {
                        String name = producer + ":" + i;
                        events.execute(() -> ran.add(name));
                    }
                }));
            }
            threads.forEach(Thread::start);
            for (Thread t : threads) {
                t.join(10_000);
            }
        }
        assertThat(ran).hasSize(producers * each);
        for (int p = 0; p < producers; p++) {
            String prefix = p + ":";
            List<Integer> order = ran.stream().filter(s -> s.startsWith(prefix))
                    .map(s -> Integer.parseInt(s.substring(prefix.length()))).toList();
            assertThat(order).isSorted().hasSize(each);
        }
    }

    @Test
    void eventsArrivingWithinTheGatherTimeRunTogetherAfterIt() throws Exception {
        List<Long> ranAt = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch done = new CountDownLatch(3);
        try (EventBatches events = new EventBatches("test-events", Duration.ofMillis(200))) {
            long start = System.nanoTime();
            for (int i = 0; i < 3; i++) {
                events.execute(() -> {
                    ranAt.add(System.nanoTime() - start);
                    done.countDown();
                });
                Thread.sleep(20);
            }
            assertThat(done.await(5, TimeUnit.SECONDS)).isTrue();
        }
        // None ran before the first one had waited its gather time: all three went as one batch.
        assertThat(ranAt).allSatisfy(t -> assertThat(t).isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(200)));
    }

    @Test
    void aFailingEventDoesNotStopTheOnesAfterIt() throws Exception {
        CountDownLatch after = new CountDownLatch(1);
        try (EventBatches events = new EventBatches("test-events", Duration.ZERO)) {
            events.execute(() -> {
                throw new IllegalStateException("boom");
            });
            events.execute(after::countDown);
            assertThat(after.await(5, TimeUnit.SECONDS)).isTrue();
        }
    }

    @Test
    void closeRunsWhatWasQueuedThenRefusesMore() {
        List<Integer> ran = Collections.synchronizedList(new ArrayList<>());
        EventBatches events = new EventBatches("test-events", Duration.ofMillis(300));
        for (int i = 0; i < 100; i++) {
            int n = i;
            events.execute(() -> ran.add(n));
        }
        events.close();
        assertThat(ran).hasSize(100).isSorted();
        assertThatThrownBy(() -> events.execute(() -> ran.add(-1))).isInstanceOf(RejectedExecutionException.class);
    }

    @Test
    void aNegativeGatherTimeIsRefused() {
        assertThatThrownBy(() -> new EventBatches("test-events", Duration.ofMillis(-1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("negative");
    }
}
