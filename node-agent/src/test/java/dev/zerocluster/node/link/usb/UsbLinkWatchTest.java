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

    private static final Duration JOINING = Duration.ofMillis(200);
    private static final Duration SETTLED = Duration.ofSeconds(1);

    @Test
    void aReplugOrANewGatewayReconnectsAndAnAddressAppearingConnects() throws IOException {
        AtomicReference<Optional<String>> broker = new AtomicReference<>(Optional.empty());
        List<String> events = new ArrayList<>();
        UsbLinkWatch watch = new UsbLinkWatch(new SystemRoot(root), NodeConfig.load(null, List.of()).usb(), broker::get,
                () -> events.add("reconnect"), () -> events.add("connect"), JOINING, SETTLED);
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
    void itLooksOftenWhileTheLinkIsAbsentJoiningOrChangingAndOnceASecondWhenSettled() throws IOException {
        AtomicReference<Optional<String>> broker = new AtomicReference<>(Optional.empty());
        AtomicInteger asked = new AtomicInteger();
        UsbLinkWatch watch = new UsbLinkWatch(new SystemRoot(root), NodeConfig.load(null, List.of()).usb(),
                () -> {
                    asked.incrementAndGet();
                    return broker.get();
                }, () -> { }, () -> { }, JOINING, SETTLED);
        assertThat(watch.check()).as("no link").isEqualTo(JOINING);
        assertThat(asked).as("no link, no broker to ask").hasValue(0);

        ifindex(7L);
        assertThat(watch.check()).as("a link without a broker address").isEqualTo(JOINING);
        broker.set(Optional.of("10.42.0.1"));
        assertThat(watch.check()).as("the address appeared: connecting").isEqualTo(JOINING);
        assertThat(watch.check()).as("settled").isEqualTo(SETTLED);
        assertThat(watch.check()).isEqualTo(SETTLED);
        assertThat(asked).as("asked at every check while the link is there").hasValue(4);

        ifindex(8L);
        assertThat(watch.check()).as("a re-plug").isEqualTo(JOINING);
        ifindex(null);
        assertThat(watch.check()).as("unplugged").isEqualTo(JOINING);
        assertThat(watch.check()).isEqualTo(JOINING);
        assertThat(asked).hasValue(5);
    }

    @Test
    void settledAtOnceWhenTheLinkAndBrokerAreThereFromTheStart() throws IOException {
        ifindex(3L);
        UsbLinkWatch watch = new UsbLinkWatch(new SystemRoot(root), NodeConfig.load(null, List.of()).usb(),
                () -> Optional.of("tcp://127.0.0.1:1883"), () -> { }, () -> { }, JOINING, SETTLED);
        assertThat(watch.check()).isEqualTo(SETTLED);
    }
}
