package dev.zerocluster.master.join;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Link events from the kernel through {@code ip -o monitor link} (rtnetlink RTM_NEWLINK and
 * RTM_DELLINK, one line each), not by polling. The monitor starts first and the snapshot
 * ({@code ip -o link show}) second, so that no link can appear in between unseen; a link may be
 * reported twice, which the consumer takes as a no-op. If {@code ip} dies it is started again.
 */
public final class IpLinkMonitor implements LinkMonitor {
    private static final Logger LOG = LoggerFactory.getLogger(IpLinkMonitor.class);
    private static final Duration RESTART_DELAY = Duration.ofSeconds(1);

    private final String ip;
    private volatile boolean closed;
    private volatile Process monitor;
    private Thread reader;

    public IpLinkMonitor(String ipBinary) {
        this.ip = ipBinary;
    }

    @Override
    public void start(Consumer<LinkEvent> events) {
        reader = new Thread(() -> run(events), "link-monitor");
        reader.setDaemon(true);
        reader.start();
    }

    private void run(Consumer<LinkEvent> events) {
        while (!closed) {
            try {
                Process p = new ProcessBuilder(List.of(ip, "-o", "monitor", "link")).redirectErrorStream(true).start();
                monitor = p;
                p.getOutputStream().close();
                snapshot(events);
                try (BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(),
                        StandardCharsets.UTF_8))) {
                    String line;
                    while ((line = in.readLine()) != null) {
                        deliver(events, line);
                    }
                }
                if (!closed) {
                    LOG.warn("ip monitor ended (exit {}); starting it again", p.waitFor());
                }
            } catch (IOException e) {
                if (!closed) {
                    LOG.warn("cannot run {} monitor link: {}", ip, e.getMessage());
                }
            } catch (InterruptedException e) {
                return;
            }
            sleep(RESTART_DELAY);
        }
    }

    private void snapshot(Consumer<LinkEvent> events) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(List.of(ip, "-o", "link", "show")).redirectErrorStream(true).start();
        p.getOutputStream().close();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                deliver(events, line);
            }
        }
        p.waitFor();
    }

    private static void deliver(Consumer<LinkEvent> events, String line) {
        LinkEvent e = LinkEvent.parse(line);
        if (e != null) {
            try {
                events.accept(e);
            } catch (RuntimeException ex) {
                LOG.warn("handling link event {} failed: {}", e, ex.toString());
            }
        }
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        closed = true;
        Process p = monitor;
        if (p != null) {
            p.destroy();
        }
        if (reader != null) {
            reader.interrupt();
        }
    }
}
