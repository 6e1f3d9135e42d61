package dev.zerocluster.node.tweaks;

import dev.zerocluster.core.bootfiles.PiBoard;
import dev.zerocluster.core.model.HealthReport;
import dev.zerocluster.core.system.CommandRunner;
import dev.zerocluster.core.system.KernelFileReader;
import dev.zerocluster.core.system.SystemRoot;
import dev.zerocluster.node.health.BoardIdentity;
import java.time.Duration;

/**
 * The health report's {@code tweaks}: the same readings {@code zc-node tweaks status} gives, never
 * changing anything. HDMI is {@code pending-reboot} while config.txt and the running KMS driver
 * disagree; under the legacy driver {@code tvservice -s} is asked at most once a minute, since
 * forking costs a Zero more than a report is worth. Null where the board has nothing to read.
 */
public final class TweakStateReader implements AutoCloseable {
    static final Duration TVSERVICE_STATUS_TTL = Duration.ofMinutes(1);

    private final SysfsLed led;
    private final int ledOffBrightness;
    private final Hdmi hdmi;

    /** Reads with the collector's {@code reader}: call from the collector's thread only. */
    public TweakStateReader(SystemRoot root, BoardIdentity identity, KernelFileReader reader, CommandRunner commands) {
        PiBoard board = PiBoard.of(identity.model(), identity.serial());
        this.led = SysfsLed.findAct(root, reader).orElse(null);
        this.ledOffBrightness = led == null ? 0 : DeviceTreeLed.read(root, led.name())
                .offBrightness(board.isZero(), PowerTweaks.maxBrightness(led));
        this.hdmi = Hdmi.detect(root, board, commands, reader, TVSERVICE_STATUS_TTL);
    }

    public HealthReport.Tweaks read() {
        return new HealthReport.Tweaks(TweakState.word(hdmi.state()),
                led == null ? null : TweakState.word(ActLed.state(led, ledOffBrightness)));
    }

    /** Closes the LED files kept open for the reports. */
    @Override
    public void close() {
        if (led != null) {
            led.close();
        }
    }
}
