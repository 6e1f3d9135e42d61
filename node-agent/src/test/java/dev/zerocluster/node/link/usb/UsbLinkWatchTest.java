package dev.zerocluster.node.link.usb;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zerocluster.core.system.SystemRoot;
import dev.zerocluster.node.config.NodeConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
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
        UsbLinkWatch watch = new UsbLinkWatch(new SystemRoot(root), NodeConfig.load(null, List.of()).usb(), broker::get,
                () -> events.add("reconnect"), () -> events.add("connect"));
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
}
