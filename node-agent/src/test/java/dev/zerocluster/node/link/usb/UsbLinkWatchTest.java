package dev.zerocluster.node.link.usb;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zerocluster.core.system.SystemRoot;
import dev.zerocluster.node.config.NodeConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UsbLinkWatchTest {
    @TempDir
    Path root;

    private void ifindex(Long index) throws IOException {
        Path f = root.resolve("sys/class/net/usb0/ifindex");
        if (index == null) {
            Files.deleteIfExists(f);
        } else {
            Files.createDirectories(f.getParent());
            Files.writeString(f, index + "\n");
        }
    }

    @Test
    void aReplugOrANewGatewayReconnectsAndAnAddressAppearingConnects() throws IOException {
        AtomicReference<Optional<String>> broker = new AtomicReference<>(Optional.empty());
        List<String> events = new ArrayList<>();
        long[] nanos = {0};
        UsbLinkWatch watch = new UsbLinkWatch(new SystemRoot(root), NodeConfig.load(null, List.of()).usb(), broker::get,
                () -> events.add("reconnect"), () -> events.add("connect"), () -> nanos[0], Duration.ofSeconds(1));
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
        assertThat(events).as("a known gateway is asked again only after the recheck interval").hasSize(3);
        nanos[0] += Duration.ofSeconds(1).toNanos();
        watch.check();
        assertThat(events).containsExactly("connect", "reconnect", "reconnect", "reconnect");
        watch.check();
        assertThat(events).hasSize(4);
    }

    @Test
    void theBrokerIsAskedWhileUnknownAtEveryReplugAndOtherwiseOncePerRecheck() throws IOException {
        AtomicReference<Optional<String>> broker = new AtomicReference<>(Optional.empty());
        AtomicInteger asked = new AtomicInteger();
        long[] nanos = {0};
        UsbLinkWatch watch = new UsbLinkWatch(new SystemRoot(root), NodeConfig.load(null, List.of()).usb(),
                () -> {
                    asked.incrementAndGet();
                    return broker.get();
                }, () -> { }, () -> { }, () -> nanos[0], Duration.ofSeconds(1));
        watch.check();
        assertThat(asked).as("no link, nothing to ask").hasValue(0);

        ifindex(7L);
        watch.check();
        watch.check();
        assertThat(asked).as("no address known yet: asked at every check").hasValue(2);

        broker.set(Optional.of("10.42.0.1"));
        watch.check();
        for (int i = 0; i < 4; i++) {
            nanos[0] += Duration.ofMillis(200).toNanos();
            watch.check();
        }
        assertThat(asked).as("known: not again within the recheck interval").hasValue(3);
        nanos[0] += Duration.ofMillis(200).toNanos();
        watch.check();
        assertThat(asked).hasValue(4);

        ifindex(8L);
        watch.check();
        assertThat(asked).as("a re-plug asks at once").hasValue(5);
    }
}
