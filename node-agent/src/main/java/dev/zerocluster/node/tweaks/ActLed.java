package dev.zerocluster.node.tweaks;

import java.io.IOException;

/**
 * The ACT LED tweak: off is trigger {@code none} and the brightness that is dark on this board
 * ({@link DeviceTreeLed#offBrightness}); on is the trigger it had before (remembered in
 * {@link LedMemory}) or, with nothing remembered, the device tree's default trigger.
 *
 * <p>Every change is read back. That catches a write the kernel refused or undid, not a board whose
 * sysfs says dark while the LED stays lit (Zero 2 W on 6.12.62, raspberrypi/linux#7250): there
 * even the GPIO reads low, so no software check can see it.
 */
public final class ActLed {
    static final String NAME = "act-led";
    private static final String NONE = "none";

    private final Led led;
    private final int offBrightness;
    private final String defaultTrigger;
    private final LedMemory memory;

    public ActLed(Led led, int offBrightness, String defaultTrigger, LedMemory memory) {
        this.led = led;
        this.offBrightness = offBrightness;
        this.defaultTrigger = defaultTrigger;
        this.memory = memory;
    }

    /** Off when no trigger drives it and it has the dark brightness; null when it cannot be read. */
    public TweakState state() {
        return state(led, offBrightness);
    }

    /** The same for any LED, for readers that never change it (the health report). */
    static TweakState state(Led led, int offBrightness) {
        try {
            return led.selectedTrigger().equals(NONE) && led.brightness() == offBrightness
                    ? TweakState.OFF : TweakState.ON;
        } catch (IOException e) {
            return null;
        }
    }

    public TweakResult status() {
        try {
            LedTriggers t = led.triggers();
            int b = led.brightness();
            return TweakResult.ok(NAME, isOff(t, b) ? TweakState.OFF : TweakState.ON, describe(t, b));
        } catch (IOException e) {
            return TweakResult.failed(NAME, null, e.getMessage());
        }
    }

    /** Trigger none, then the dark brightness (writing 0 would also drop a trigger, led-class.c). */
    public TweakResult switchOff() {
        try {
            LedTriggers before = led.triggers();
            int brightness = led.brightness();
            if (isOff(before, brightness)) {
                return TweakResult.ok(NAME, TweakState.OFF, "already off: " + describe(before, brightness));
            }
            memory.save(new LedMemory.Saved(led.name(), before.selected(), brightness));
            try {
                led.selectTrigger(NONE);
            } catch (IOException e) {
                // The LED was not changed, so there is nothing to go back to.
                memory.clear();
                throw e;
            }
            led.setBrightness(offBrightness);
            LedTriggers after = led.triggers();
            int now = led.brightness();
            if (!isOff(after, now)) {
                return TweakResult.failed(NAME, TweakState.ON, "the LED did not take the setting: wrote trigger none"
                        + " and brightness " + offBrightness + ", reads back " + describe(after, now));
            }
            return TweakResult.ok(NAME, TweakState.OFF, describe(after, now) + "; was trigger " + before.selected()
                    + ", remembered in " + memory.file());
        } catch (IOException e) {
            return TweakResult.failed(NAME, state(), e.getMessage());
        }
    }

    /**
     * Back to the trigger it had before zerocluster switched it off, or to the device tree's
     * default when nothing is remembered; nothing to do when it is on already.
     */
    public TweakResult restore() {
        try {
            LedTriggers before = led.triggers();
            int brightness = led.brightness();
            LedMemory.Saved saved = memory.load();
            if (!isOff(before, brightness)) {
                // On already: by hand, or a reboot reset it. What was remembered is stale.
                memory.clear();
                return TweakResult.ok(NAME, TweakState.ON, "already on: " + describe(before, brightness));
            }
            String trigger = saved != null ? saved.trigger() : defaultTrigger;
            if (trigger == null) {
                return TweakResult.failed(NAME, TweakState.OFF, "no earlier trigger remembered in " + memory.file()
                        + " and no linux,default-trigger in the device tree: cannot tell how to turn the LED back on");
            }
            if (!before.offers(trigger)) {
                return TweakResult.failed(NAME, TweakState.OFF, "trigger " + trigger + (saved != null
                        ? " (remembered in " + memory.file() + ")" : " (device-tree default)")
                        + " is not offered by " + led.name() + ": " + String.join(" ", before.available()));
            }
            led.selectTrigger(trigger);
            if (trigger.equals(NONE) && saved != null) {
                led.setBrightness(saved.brightness());
            }
            LedTriggers after = led.triggers();
            int now = led.brightness();
            if (!after.selected().equals(trigger) || isOff(after, now)) {
                return TweakResult.failed(NAME, isOff(after, now) ? TweakState.OFF : TweakState.ON,
                        "the LED did not take trigger " + trigger + ", reads back " + describe(after, now));
            }
            memory.clear();
            return TweakResult.ok(NAME, TweakState.ON, describe(after, now)
                    + (saved != null ? ", as before" : ", the device-tree default"));
        } catch (IOException e) {
            return TweakResult.failed(NAME, state(), e.getMessage());
        }
    }

    private boolean isOff(LedTriggers triggers, int brightness) {
        return triggers.selected().equals(NONE) && brightness == offBrightness;
    }

    private String describe(LedTriggers triggers, int brightness) {
        return led.name() + " trigger " + triggers.selected() + ", brightness " + brightness
                + (offBrightness != 0 ? " (dark at " + offBrightness + " on this board)" : "");
    }
}
