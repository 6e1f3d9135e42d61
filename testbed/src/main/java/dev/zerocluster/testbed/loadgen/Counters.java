package dev.zerocluster.testbed.loadgen;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/** What the event loops did, read by the reporting thread once a second. Thread-safe. */
final class Counters {
    final LongAdder connectAttempts = new LongAdder();
    final LongAdder connects = new LongAdder();
    final LongAdder statusPublishes = new LongAdder();
    final LongAdder healthPublishes = new LongAdder();
    final LongAdder acks = new LongAdder();
    final LongAdder pings = new LongAdder();
    /** Reports not sent because the loop fell more than one interval behind their time. */
    final LongAdder missed = new LongAdder();
    /** Reports not sent because the broker had not read the connection's earlier bytes. */
    final LongAdder backpressure = new LongAdder();
    final AtomicInteger online = new AtomicInteger();
    private final Map<String, LongAdder> failures = new ConcurrentHashMap<>();

    /** Counts one failure of {@code kind}; true when it is the first of that kind (worth a log line). */
    boolean failure(String kind) {
        boolean[] first = {false};
        failures.computeIfAbsent(kind, k -> {
            first[0] = true;
            return new LongAdder();
        }).increment();
        return first[0];
    }

    long failureCount() {
        long sum = 0;
        for (LongAdder a : failures.values()) {
            sum += a.sum();
        }
        return sum;
    }

    Map<String, Long> failuresByKind() {
        Map<String, Long> out = new TreeMap<>();
        failures.forEach((k, v) -> out.put(k, v.sum()));
        return out;
    }
}
