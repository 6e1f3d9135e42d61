package dev.zerocluster.node.tweaks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zerocluster.core.model.HealthReport;
import dev.zerocluster.core.system.KernelFileReader;
import dev.zerocluster.core.system.ProcessCommandRunner;
import dev.zerocluster.core.system.SystemRoot;
import dev.zerocluster.node.health.BoardIdentity;
import dev.zerocluster.node.setup.FakeTree;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The health report's {@code tweaks}, read the way {@code tweaks status} reads them. */
class TweakStateReaderTest {
    @TempDir
    Path tmp;

    HealthReport.Tweaks read(Path root) {
        SystemRoot systemRoot = new SystemRoot(root);
        return new TweakStateReader(systemRoot, BoardIdentity.read(systemRoot), new KernelFileReader(),
                new ProcessCommandRunner()).read();
    }

    @Test
    void nohdmiInConfigWhileTheConnectorStillExistsIsPendingReboot() throws IOException {
        Path root = FakeTree.build(Path.of("src/test/resources/tweaks/bookworm-kms"), tmp.resolve("root"));
        assertThat(read(root)).isEqualTo(new HealthReport.Tweaks("on", "off"));
        Path config = root.resolve("boot/firmware/config.txt");
        Files.writeString(config, Files.readString(config).replace("dtoverlay=vc4-kms-v3d\n", "dtoverlay=vc4-kms-v3d,nohdmi\n"));
        assertThat(read(root)).isEqualTo(new HealthReport.Tweaks("pending-reboot", "off"));
    }

    @Test
    void aBoardBootedWithNohdmiIsOff() throws IOException {
        Path root = FakeTree.build(Path.of("src/test/resources/tweaks/bookworm-booted-nohdmi"), tmp.resolve("root"));
        assertThat(read(root)).isEqualTo(new HealthReport.Tweaks("off", "off"));
    }

    @Test
    void underTheLegacyDriverTvserviceIsAskedOnceAMinuteAtMost() throws IOException {
        Path root = FakeTree.build(Path.of("src/test/resources/tweaks/buster-tvservice"), tmp.resolve("root"));
        SystemRoot systemRoot = new SystemRoot(root);
        TweakStateReader reader = new TweakStateReader(systemRoot, BoardIdentity.read(systemRoot),
                new KernelFileReader(), new ProcessCommandRunner());
        assertThat(reader.read()).isEqualTo(new HealthReport.Tweaks("on", "on"));
        assertThat(reader.read()).isEqualTo(new HealthReport.Tweaks("on", "on"));
        assertThat(Files.readAllLines(root.resolve("usr/bin/tvservice.calls"))).containsExactly("-s");
    }
}
