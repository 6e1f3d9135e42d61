package dev.zerocluster.node.tweaks;

import dev.zerocluster.core.system.SystemRoot;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What the running device tree says about an LED, from {@code /proc/device-tree/leds/<node>/}:
 * whether its GPIO is declared active-low, and its default trigger.
 *
 * <p>The Zero's ACT LED is wired active-low (the GPIO line is named {@code STATUS_LED_N} in
 * {@code bcm2708-rpi-zero.dts}). Today's device trees declare it {@code GPIO_ACTIVE_LOW}, so the
 * kernel turns brightness 0 into a dark LED; older ones declared it active-high, and there 0 lit it
 * and 1 was dark, the origin of the old "echo 1" advice (raspberry-pi-os.md §5.2). Reading the
 * declaration instead of guessing from the kernel version gives the right "off" on both.
 *
 * @param activeLow      the GPIO flags cell has {@code GPIO_ACTIVE_LOW} (bit 0); null if unknown
 * @param defaultTrigger {@code linux,default-trigger}, e.g. {@code actpwr}; null if absent
 */
public record DeviceTreeLed(Boolean activeLow, String defaultTrigger) {
    static final DeviceTreeLed UNKNOWN = new DeviceTreeLed(null, null);

    /**
     * The node whose {@code label} is {@code ledName}, else (for the activity LED) the node named
     * {@code led-act} or {@code act}; {@link #UNKNOWN} when there is none.
     */
    public static DeviceTreeLed read(SystemRoot root, String ledName) {
        Path leds = root.path("/proc/device-tree/leds");
        if (!Files.isDirectory(leds)) {
            return UNKNOWN;
        }
        Path byName = null;
        try (DirectoryStream<Path> nodes = Files.newDirectoryStream(leds, Files::isDirectory)) {
            for (Path node : nodes) {
                String label = string(node.resolve("label"));
                if (ledName.equals(label)) {
                    return of(node);
                }
                String nodeName = node.getFileName().toString();
                if (label == null && (nodeName.equals("led-act") || nodeName.equals("act"))) {
                    byName = node;
                }
            }
        } catch (IOException e) {
            return UNKNOWN;
        }
        boolean activity = ledName.equals("ACT") || ledName.equals("led0");
        return byName != null && activity ? of(byName) : UNKNOWN;
    }

    /**
     * Decodes a {@code gpios} property: big-endian 32-bit cells, {@code <phandle pin flags>} for the
     * first GPIO (Documentation/devicetree/bindings/gpio/gpio.txt); null if it is not that shape.
     */
    static Boolean activeLow(byte[] gpios) {
        if (gpios == null || gpios.length < 12 || gpios.length % 4 != 0) {
            return null;
        }
        int flags = ((gpios[8] & 0xff) << 24) | ((gpios[9] & 0xff) << 16) | ((gpios[10] & 0xff) << 8) | (gpios[11] & 0xff);
        return (flags & 1) != 0;
    }

    /**
     * The brightness that leaves the LED dark: 0 where the device tree describes the wiring (today's
     * trees, and any board but a Zero), {@code maxBrightness} on a Zero whose tree declares its
     * active-low LED active-high.
     */
    public int offBrightness(boolean zero, int maxBrightness) {
        return zero && Boolean.FALSE.equals(activeLow) ? maxBrightness : 0;
    }

    private static DeviceTreeLed of(Path node) {
        byte[] gpios = bytes(node.resolve("gpios"));
        return new DeviceTreeLed(activeLow(gpios), string(node.resolve("linux,default-trigger")));
    }

    private static byte[] bytes(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            return null;
        }
    }

    /** A device-tree string property: NUL-terminated. */
    private static String string(Path file) {
        byte[] b = bytes(file);
        if (b == null) {
            return null;
        }
        int end = b.length;
        while (end > 0 && b[end - 1] == 0) {
            end--;
        }
        return end == 0 ? null : new String(b, 0, end, StandardCharsets.US_ASCII);
    }
}
