package dev.zerocluster.core.system;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;

/**
 * Named daemon threads: a thread dump of a node shows what each one is for, and none of them keeps
 * the JVM alive after the shutdown hook has done its work.
 */
public final class DaemonThreads {
    private DaemonThreads() {
    }

    public static ThreadFactory named(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }

    public static ScheduledExecutorService singleScheduled(String name) {
        return Executors.newSingleThreadScheduledExecutor(named(name));
    }
}
