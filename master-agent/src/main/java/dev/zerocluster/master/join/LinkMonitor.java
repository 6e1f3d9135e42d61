package dev.zerocluster.master.join;

import java.io.Closeable;
import java.util.function.Consumer;

/** Tells about every link now present, then about each change as the kernel announces it. */
public interface LinkMonitor extends Closeable {
    void start(Consumer<LinkEvent> events);

    @Override
    void close();
}
