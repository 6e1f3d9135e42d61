package dev.zerocluster.node.tweaks;

import dev.zerocluster.core.model.HealthReport;
import dev.zerocluster.core.system.KernelFileReader;
import dev.zerocluster.core.system.SystemRoot;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What the power tweaks look like on the running board, for the health report: the ACT LED from
 * {@code /sys/class/leds/ACT} (kernels ≥ 6.1) or {@code led0} (older), and HDMI from the KMS
 * connectors in {@code /sys/class/drm}. Null where the board has no such thing to read (no LED, or
 * the legacy firmware display driver without {@code /sys/class/drm}).
 */
public final class TweakStateReader {
    private final KernelFileReader reader;
    private final Path ledDir;
    private final Path drm;

    public TweakStateReader(SystemRoot root, KernelFileReader reader) {
        this.reader = reader;
        Path act = root.path("/sys/class/leds/ACT");
        Path led0 = root.path("/sys/class/leds/led0");
        this.ledDir = Files.isDirectory(act) ? act : Files.isDirectory(led0) ? led0 : null;
        this.drm = root.path("/sys/class/drm");
    }

    public HealthReport.Tweaks read() {
        return new HealthReport.Tweaks(hdmi(), actLed());
    }

    /** Path of the ACT LED's directory, or null on a board without one. */
    public Path ledDir() {
        return ledDir;
    }

    /**
     * Off when no trigger drives it and its brightness is 0. Today's device trees declare the Zero's
     * LED active-low, so the kernel already maps 0 to dark (raspberry-pi-os.md §5.2).
     */
    private String actLed() {
        if (ledDir == null) {
            return null;
        }
        String trigger = selectedTrigger();
        Long brightness = reader.readLong(ledDir.resolve("brightness"));
        if (trigger == null || brightness == null) {
            return null;
        }
        return "none".equals(trigger) && brightness == 0 ? "off" : "on";
    }

    /** The trigger file lists every trigger and brackets the selected one: {@code none [mmc0] timer}. */
    private String selectedTrigger() {
        String triggers = reader.readText(ledDir.resolve("trigger"));
        if (triggers == null) {
            return null;
        }
        int open = triggers.indexOf('[');
        int close = triggers.indexOf(']', open + 1);
        return open < 0 || close < 0 ? null : triggers.substring(open + 1, close);
    }

    /**
     * Under KMS each HDMI connector is {@code /sys/class/drm/card?-HDMI-A-?} with an {@code enabled}
     * file; HDMI is on if any is enabled. No HDMI connector at all (the {@code nohdmi} overlay) is
     * off.
     */
    private String hdmi() {
        if (!Files.isDirectory(drm)) {
            return null;
        }
        boolean enabled = false;
        try (DirectoryStream<Path> connectors = Files.newDirectoryStream(drm, "card*-HDMI-*")) {
            for (Path connector : connectors) {
                if (reader.load(connector.resolve("enabled")) && reader.contentEquals("enabled")) {
                    enabled = true;
                }
            }
        } catch (IOException e) {
            return null;
        }
        return enabled ? "on" : "off";
    }
}
