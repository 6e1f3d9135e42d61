package dev.zerocluster.testbed.bench;

import dev.zerocluster.core.system.EventLoop;
import java.util.concurrent.TimeUnit;

/**
 * The node footprint's floor: a JVM that wakes one thread once a second, the way zc-node's report
 * does (a task at a fixed rate on an {@link EventLoop}), and does nothing when it wakes. {@code testbed/bench/node-footprint.sh} runs it with the unit's JVM flags beside zc-node
 * and node_exporter and measures its CPU in the same windows.
 *
 * <p>Why: on the development VM, the first work after a second of idleness runs several times
 * slower at some hours than at others, and the cost grows with the memory a wake touches
 * (docs/performance.md, "Node footprint", session 6). This process shows, in each run, what a
 * wake alone costs there and then, so that zc-node's figure can be read against it: the part
 * above it is what a report adds.
 */
public final class IdleJvm {
    private IdleJvm() {
    }

    public static void main(String[] args) {
        if (args.length != 0) {
            System.err.println("usage: java <flags> -cp zc-loadgen.jar " + IdleJvm.class.getName() + " (no arguments)");
            System.exit(2);
        }
        EventLoop loop = EventLoop.start("idle-tick");
        loop.scheduleAtFixedRate(() -> { }, 0, 1, TimeUnit.SECONDS);
        // The loop's thread is a daemon: main waits for good, until the benchmark stops the JVM.
        try {
            loop.awaitTermination(Long.MAX_VALUE, TimeUnit.DAYS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
