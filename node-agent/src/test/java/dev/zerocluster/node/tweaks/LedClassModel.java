package dev.zerocluster.node.tweaks;

import java.io.IOException;
import java.nio.file.FileSystemException;
import java.util.ArrayList;
import java.util.List;

/**
 * An LED as the kernel's LED class presents it (drivers/leds/led-class.c, led-triggers.c), for
 * tests: the trigger file lists every trigger with the selected one in brackets; selecting an
 * unknown trigger fails with EINVAL; writing brightness 0 also removes the trigger
 * ({@code brightness_store}: {@code if (state == LED_OFF) led_trigger_remove()}); brightness is
 * clamped to {@code max_brightness}. A trigger sets the brightness it drives the LED to.
 *
 * <p>Knobs, in instance fields: {@link #readOnly} (sysfs mounted read-only, as under
 * ProtectKernelTunables=yes) and {@link #stuckBrightness} (a driver that reports a brightness of
 * its own whatever was written). {@link #writes} records what was written, in order.
 */
final class LedClassModel implements Led {
    private final String name;
    private final List<String> triggers;
    private final int maxBrightness;
    private String selected;
    private int brightness;
    /** The brightness each trigger drives the LED to while the test runs (activity: lit). */
    int triggerBrightness;
    boolean readOnly;
    Integer stuckBrightness;
    final List<String> writes = new ArrayList<>();

    LedClassModel(String name, List<String> triggers, String selected, int brightness, int maxBrightness) {
        this.name = name;
        this.triggers = List.copyOf(triggers);
        this.selected = selected;
        this.brightness = brightness;
        this.maxBrightness = maxBrightness;
        this.triggerBrightness = maxBrightness;
    }

    /** The trigger list of a Zero 2 W on a 6.x kernel, with {@code selected} selected. */
    static LedClassModel act(String selected, int brightness) {
        return new LedClassModel("ACT", List.of("none", "kbd-scrolllock", "kbd-numlock", "mmc0", "timer", "oneshot",
                "heartbeat", "backlight", "gpio", "cpu", "default-on", "input", "panic", "actpwr", "mmc1",
                "rfkill-any"), selected, brightness, 1);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public LedTriggers triggers() {
        StringBuilder text = new StringBuilder();
        for (String t : triggers) {
            text.append(t.equals(selected) ? "[" + t + "]" : t).append(' ');
        }
        return LedTriggers.parse(text.toString(), "/sys/class/leds/" + name + "/trigger");
    }

    @Override
    public void selectTrigger(String trigger) throws IOException {
        check("trigger");
        writes.add("trigger=" + trigger);
        if (!triggers.contains(trigger)) {
            throw new FileSystemException("/sys/class/leds/" + name + "/trigger", null, "Invalid argument");
        }
        selected = trigger;
        if (!trigger.equals("none")) {
            brightness = trigger.equals("default-on") ? maxBrightness : triggerBrightness;
        }
    }

    @Override
    public int brightness() {
        return stuckBrightness != null ? stuckBrightness : brightness;
    }

    @Override
    public void setBrightness(int value) throws IOException {
        check("brightness");
        writes.add("brightness=" + value);
        if (value == 0) {
            selected = "none";
        }
        brightness = Math.min(value, maxBrightness);
    }

    @Override
    public int maxBrightness() {
        return maxBrightness;
    }

    private void check(String file) throws IOException {
        if (readOnly) {
            throw new IOException("cannot write to /sys/class/leds/" + name + "/" + file + ": Read-only file system");
        }
    }
}
