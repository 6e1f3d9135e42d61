package dev.zerocluster.node.link.usb;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zerocluster.core.system.SystemRoot;
import dev.zerocluster.node.config.NodeConfig;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UsbLinkWatchTest {
    @TempDir
    Path root;
    private Process link;

    /**
     * Plugs in a gadget with interface index {@code index}, or unplugs it ({@code null}), as sysfs
     * shows it to the watch, which keeps the attribute open: once an interface is gone, a read of
     * its {@code ifindex} through a kept descriptor fails (ENODEV), and the name is gone too. A
     * regular file cannot do that (deleted, it stays readable through the descriptor), so here an
     * interface is a child process and its {@code ifindex} a symlink to the process's
     * {@code /proc/PID/oom_score_adj}, set to the index: once the process is gone, a read through a
     * kept descriptor fails as well (ESRCH, fs/proc/base.c). A re-plug is an unplug and a plug.
     */
    private void ifindex(Long index) throws IOException, InterruptedException {
        Path f = root.resolve("sys/class/net/usb0/ifindex");
        if (link != null) {
            Files.delete(f);
            link.destroyForcibly();
            assertThat(link.waitFor(5, TimeUnit.SECONDS)).as("the old interface's process ended").isTrue();
            link = null;
        }
        if (index != null) {
            link = new ProcessBuilder("sleep", "600").start();
            Files.writeString(Path.of("/proc/" + link.pid() + "/oom_score_adj"), index.toString());
            Files.createDirectories(f.getParent());
            Files.createSymbolicLink(f, Path.of("/proc/" + link.pid() + "/oom_score_adj"));
        }
    }

    private final List<UsbLinkWatch> watches = new ArrayList<>();

    private UsbLinkWatch watch(Supplier<Optional<String>> broker, Runnable pathChanged, Runnable brokerAppeared) {
        UsbLinkWatch w = new UsbLinkWatch(new SystemRoot(root), NodeConfig.load(null, List.of()).usb(), broker,
                pathChanged, brokerAppeared, JOINING, SETTLED);
        watches.add(w);
        return w;
    }

    @AfterEach
    void unplug() throws IOException, InterruptedException {
        watches.forEach(UsbLinkWatch::close);
        ifindex(null);
    }

    private static final Duration JOINING = Duration.ofMillis(200);
    private static final Duration SETTLED = Duration.ofSeconds(1);

    @Test
    void aReplugOrANewGatewayReconnectsAndAnAddressAppearingConnects() throws Exception {
        AtomicReference<Optional<String>> broker = new AtomicReference<>(Optional.empty());
        List<String> events = new ArrayList<>();
        UsbLinkWatch watch = watch(broker::get, () -> events.add("reconnect"), () -> events.add("connect"));
        ifindex(7L);
        watch.check();
        watch.check();
        assertThat(events).isEmpty();

        broker.set(Optional.of("10.42.0.1"));
        watch.check();
        assertThat(events).containsExactly("connect");

        ifindex(null);
        watch.check();
        ifindex(9L);
        watch.check();
        assertThat(events).containsExactly("connect", "reconnect", "reconnect");

        broker.set(Optional.of("10.43.0.1"));
        watch.check();
        assertThat(events).containsExactly("connect", "reconnect", "reconnect", "reconnect");
        watch.check();
        assertThat(events).hasSize(4);
    }

    @Test
    void itLooksOftenWhileTheLinkIsAbsentJoiningOrChangingAndOnceASecondWhenSettled() throws Exception {
        AtomicReference<Optional<String>> broker = new AtomicReference<>(Optional.empty());
        AtomicInteger asked = new AtomicInteger();
        UsbLinkWatch watch = watch(() -> {
            asked.incrementAndGet();
            return broker.get();
        }, () -> { }, () -> { });
        assertThat(watch.check()).as("no link").isEqualTo(JOINING.toNanos());
        assertThat(asked).as("no link, no broker to ask").hasValue(0);

        ifindex(7L);
        assertThat(watch.check()).as("a link without a broker address").isEqualTo(JOINING.toNanos());
        broker.set(Optional.of("10.42.0.1"));
        assertThat(watch.check()).as("the address appeared: connecting").isEqualTo(JOINING.toNanos());
        assertThat(watch.check()).as("settled").isEqualTo(SETTLED.toNanos());
        assertThat(watch.check()).isEqualTo(SETTLED.toNanos());
        assertThat(asked).as("asked at every check while the link is there").hasValue(4);

        ifindex(8L);
        assertThat(watch.check()).as("a re-plug").isEqualTo(JOINING.toNanos());
        ifindex(null);
        assertThat(watch.check()).as("unplugged").isEqualTo(JOINING.toNanos());
        assertThat(watch.check()).isEqualTo(JOINING.toNanos());
        assertThat(asked).hasValue(5);
    }

    @Test
    void settledAtOnceWhenTheLinkAndBrokerAreThereFromTheStart() throws Exception {
        ifindex(3L);
        UsbLinkWatch watch = watch(() -> Optional.of("tcp://127.0.0.1:1883"), () -> { }, () -> { });
        assertThat(watch.check()).isEqualTo(SETTLED.toNanos());
    }

    @Test
    void theAttributeIsKeptOpenBetweenChecksAndClosedWithTheWatch() throws Exception {
        ifindex(5L);
        String attribute = "/proc/" + link.pid() + "/oom_score_adj";
        UsbLinkWatch watch = watch(() -> Optional.of("tcp://127.0.0.1:1883"), () -> { }, () -> { });
        watch.check();
        assertThat(openFiles(attribute)).as("kept open after a check").isEqualTo(1);
        watch.check();
        assertThat(openFiles(attribute)).as("read again through the same descriptor").isEqualTo(1);
        watch.close();
        assertThat(openFiles(attribute)).as("closed with the watch").isZero();
    }

    /** How many of this JVM's descriptors are open on {@code path}. */
    private static long openFiles(String path) throws IOException {
        long n = 0;
        try (DirectoryStream<Path> fds = Files.newDirectoryStream(Path.of("/proc/self/fd"))) {
            for (Path fd : fds) {
                try {
                    if (Files.readSymbolicLink(fd).toString().equals(path)) {
                        n++;
                    }
                } catch (IOException e) {
                    // The directory stream's own descriptor, closed by now.
                }
            }
        }
        return n;
    }
}
