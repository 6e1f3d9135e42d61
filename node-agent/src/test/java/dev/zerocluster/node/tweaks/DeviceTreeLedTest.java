package dev.zerocluster.node.tweaks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zerocluster.core.system.SystemRoot;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeviceTreeLedTest {
    @TempDir
    Path root;

    /** {@code gpios = <&gpio 47 GPIO_ACTIVE_LOW>}: phandle, pin, flags as big-endian cells. */
    static final byte[] ACTIVE_LOW_47 = {0, 0, 0, 0x0b, 0, 0, 0, 47, 0, 0, 0, 1};
    static final byte[] ACTIVE_HIGH_47 = {0, 0, 0, 0x0b, 0, 0, 0, 47, 0, 0, 0, 0};

    @Test
    void decodesTheFlagsCell() {
        assertThat(DeviceTreeLed.activeLow(ACTIVE_LOW_47)).isTrue();
        assertThat(DeviceTreeLed.activeLow(ACTIVE_HIGH_47)).isFalse();
        assertThat(DeviceTreeLed.activeLow(new byte[] {0, 0, 0, 1})).isNull();
    }

    @Test
    void findsTheNodeByLabelAndReadsItsDefaultTrigger() throws IOException {
        Path node = Files.createDirectories(root.resolve("proc/device-tree/leds/led-act"));
        Files.write(node.resolve("label"), "ACT\0".getBytes(StandardCharsets.US_ASCII));
        Files.write(node.resolve("gpios"), ACTIVE_LOW_47);
        Files.write(node.resolve("linux,default-trigger"), "actpwr\0".getBytes(StandardCharsets.US_ASCII));
        DeviceTreeLed led = DeviceTreeLed.read(new SystemRoot(root), "ACT");
        assertThat(led).isEqualTo(new DeviceTreeLed(true, "actpwr"));
        assertThat(led.offBrightness(true, 1)).isZero();
    }

    @Test
    void withoutALabelTheActNodeIsTakenByName() throws IOException {
        Path node = Files.createDirectories(root.resolve("proc/device-tree/leds/act"));
        Files.write(node.resolve("gpios"), ACTIVE_HIGH_47);
        DeviceTreeLed led = DeviceTreeLed.read(new SystemRoot(root), "led0");
        assertThat(led.activeLow()).isFalse();
        assertThat(led.offBrightness(true, 1)).as("an old Zero tree: 1 is dark").isEqualTo(1);
        assertThat(led.offBrightness(false, 1)).as("any other board: the tree describes the wiring").isZero();
    }

    @Test
    void noDeviceTreeMeansTodaysConvention() {
        assertThat(DeviceTreeLed.read(new SystemRoot(root), "ACT").offBrightness(true, 1)).isZero();
    }
}
