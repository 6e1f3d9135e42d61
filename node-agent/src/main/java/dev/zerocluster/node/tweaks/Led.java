package dev.zerocluster.node.tweaks;

import java.io.IOException;

/**
 * One LED of the kernel's LED class ({@code Documentation/leds/leds-class.rst}): a trigger that
 * drives it, or none and a brightness set by hand. Backed by {@link SysfsLed} on a board and by a
 * model of {@code drivers/leds/led-class.c} in tests.
 */
public interface Led {
    /** The name under {@code /sys/class/leds}: {@code ACT} on kernels 6.1 and later, {@code led0} before. */
    String name();

    /** The triggers offered and the one selected. */
    LedTriggers triggers() throws IOException;

    /** Only the selected trigger; an implementation may read it more cheaply than the whole list. */
    default String selectedTrigger() throws IOException {
        return triggers().selected();
    }

    void selectTrigger(String trigger) throws IOException;

    int brightness() throws IOException;

    void setBrightness(int value) throws IOException;

    int maxBrightness() throws IOException;
}
