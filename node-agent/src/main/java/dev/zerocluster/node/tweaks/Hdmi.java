package dev.zerocluster.node.tweaks;

import dev.zerocluster.core.bootfiles.PiBoard;
import dev.zerocluster.core.system.CommandRunner;
import dev.zerocluster.core.system.KernelFileReader;
import dev.zerocluster.core.system.SystemRoot;
import java.nio.file.Files;
import java.time.Duration;

/**
 * Switching HDMI off and on with the mechanism that works on the running system: the KMS driver
 * (default since Bullseye) only at boot, through {@code config.txt} ({@link KmsHdmi}); the legacy
 * firmware driver at once, through {@code tvservice} ({@link TvserviceHdmi}). Neither
 * {@code tvservice} nor {@code vcgencmd display_power} is ever run under KMS, where they do nothing
 * (raspberrypi/linux#4186, raspberrypi/bookworm-feedback#63).
 */
public interface Hdmi {
    String NAME = "hdmi";

    /** The state, or null when it cannot be read. */
    TweakState state();

    TweakResult status();

    /** Off ({@code on == false}) or back on. */
    TweakResult switchTo(boolean on);

    /**
     * KMS when {@code /sys/class/drm} exists (raspberry-pi-os.md §5.1), else the legacy driver.
     *
     * @param statusTtl how long a {@code tvservice -s} answer is reused (zero: ask every time)
     */
    static Hdmi detect(SystemRoot root, PiBoard board, CommandRunner commands, KernelFileReader reader,
                       Duration statusTtl) {
        if (Files.isDirectory(root.path("/sys/class/drm"))) {
            return new KmsHdmi(root, board, reader);
        }
        return new TvserviceHdmi(root, commands, statusTtl, System::nanoTime);
    }
}
