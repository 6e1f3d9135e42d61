package dev.zerocluster.node.tweaks;

import dev.zerocluster.core.bootfiles.PiBoard;
import dev.zerocluster.core.system.CommandRunner;
import dev.zerocluster.core.system.KernelFileReader;
import dev.zerocluster.core.system.SystemRoot;
import dev.zerocluster.node.health.BoardIdentity;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The power tweaks as the command line and the daemon use them: {@code status}, {@code apply}
 * (what {@code tweaks.hdmi} and {@code tweaks.act-led} ask for; {@code keep} leaves a tweak alone)
 * and {@code revert} (HDMI back on, the LED back to its earlier trigger). {@code zc-node run} calls
 * {@link #applyAtStart()} before anything else, so a node saves power even while it has no link.
 */
public final class PowerTweaks {
    private static final Logger LOG = LoggerFactory.getLogger(PowerTweaks.class);

    private final TweaksConfig config;
    private final ActLed led;
    private final String noLed;
    private final Hdmi hdmi;

    /** {@code led} null means the board has none; {@code noLed} then says where it was looked for. */
    public PowerTweaks(TweaksConfig config, ActLed led, String noLed, Hdmi hdmi) {
        this.config = config;
        this.led = led;
        this.noLed = noLed;
        this.hdmi = hdmi;
    }

    /** The tweaks of the board under {@code root}, remembering the LED's trigger in {@code stateDir}. */
    public static PowerTweaks create(TweaksConfig config, Path stateDir, SystemRoot root, CommandRunner commands) {
        KernelFileReader reader = new KernelFileReader();
        BoardIdentity identity = BoardIdentity.read(root);
        PiBoard board = PiBoard.of(identity.model(), identity.serial());
        ActLed led = SysfsLed.findAct(root, reader).map(found -> {
            DeviceTreeLed dt = DeviceTreeLed.read(root, found.name());
            return new ActLed(found, dt.offBrightness(board.isZero(), maxBrightness(found)), dt.defaultTrigger(),
                    new LedMemory(stateDir));
        }).orElse(null);
        return new PowerTweaks(config, led, noLed(root), Hdmi.detect(root, board, commands, reader, Duration.ZERO));
    }

    static String noLed(SystemRoot root) {
        return "no activity LED: neither " + root.path("/sys/class/leds/ACT") + " nor " + root.path("/sys/class/leds/led0");
    }

    static int maxBrightness(Led led) {
        try {
            return led.maxBrightness();
        } catch (IOException e) {
            // gpio-leds have max_brightness 1 (drivers/leds/leds-gpio.c).
            return 1;
        }
    }

    public synchronized List<TweakResult> status() {
        return List.of(hdmi.status(), led == null ? TweakResult.failed(ActLed.NAME, null, noLed) : led.status());
    }

    public synchronized List<TweakResult> apply() {
        return List.of(applyHdmi(config.hdmi()), applyLed(config.actLed()));
    }

    /** Undoes {@link #apply()}: HDMI on, LED restored. A tweak set to {@code keep} is left alone here too. */
    public synchronized List<TweakResult> revert() {
        return List.of(
                applyHdmi(config.hdmi() == TweaksConfig.Setting.KEEP ? TweaksConfig.Setting.KEEP : TweaksConfig.Setting.ON),
                applyLed(config.actLed() == TweaksConfig.Setting.KEEP ? TweaksConfig.Setting.KEEP : TweaksConfig.Setting.ON));
    }

    /** {@link #apply()}, logged; a tweak that fails is a warning, never a reason not to run. */
    public List<TweakResult> applyAtStart() {
        List<TweakResult> results = apply();
        for (TweakResult r : results) {
            if (r.ok()) {
                LOG.info("tweak {}", r.line());
            } else {
                LOG.warn("tweak failed: {}", r.line());
            }
        }
        return results;
    }

    private TweakResult applyHdmi(TweaksConfig.Setting setting) {
        if (setting == TweaksConfig.Setting.KEEP) {
            return TweakResult.ok(Hdmi.NAME, hdmi.state(), "tweaks.hdmi is keep: left as it is");
        }
        return hdmi.switchTo(setting == TweaksConfig.Setting.ON);
    }

    private TweakResult applyLed(TweaksConfig.Setting setting) {
        if (led == null) {
            return setting == TweaksConfig.Setting.KEEP ? TweakResult.ok(ActLed.NAME, null, noLed)
                    : TweakResult.failed(ActLed.NAME, null, noLed);
        }
        return switch (setting) {
            case KEEP -> TweakResult.ok(ActLed.NAME, led.state(), "tweaks.act-led is keep: left as it is");
            case OFF -> led.switchOff();
            case ON -> led.restore();
        };
    }
}
