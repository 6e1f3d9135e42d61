package dev.zerocluster.core.bootfiles;

import java.util.Locale;
import java.util.Set;

/**
 * What the boot firmware knows about the board when it reads {@code config.txt}: which model
 * filters it passes ({@code [pi0]}, {@code [pi0w]}, …) and its serial ({@code [0x12345678]}).
 * The filter sets follow the table in raspberrypi/documentation
 * {@code computers/config_txt/conditional.adoc}: a Zero 2 W sees {@code [pi0]}, {@code [pi0w]}
 * and {@code [pi02]}; a Zero W sees {@code [pi0]} and {@code [pi0w]}; a Zero only {@code [pi0]}.
 *
 * @param model       the device-tree model string, e.g. "Raspberry Pi Zero 2 W Rev 1.0"; null if unknown
 * @param modelFilters lower-case names of the model filters this board passes
 * @param serial      the board serial as read (hex), or null
 */
public record PiBoard(String model, Set<String> modelFilters, String serial) {

    public PiBoard {
        modelFilters = Set.copyOf(modelFilters);
    }

    /** The board a model string and serial describe (both from /proc/device-tree or /proc/cpuinfo). */
    public static PiBoard of(String model, String serial) {
        return new PiBoard(model, filtersFor(model), serial);
    }

    public boolean isZero() {
        return modelFilters.contains("pi0");
    }

    /** Zero W and Zero 2 W: Bluetooth sits on the PL011 UART (configuration/uart.adoc). */
    public boolean isZeroWireless() {
        return modelFilters.contains("pi0w");
    }

    /** The serial as a number, for {@code [0x…]} filters; null if there is none or it is not hex. */
    Long serialNumber() {
        if (serial == null) {
            return null;
        }
        String hex = serial.trim();
        if (hex.isEmpty() || hex.length() > 16 || !hex.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
            return null;
        }
        return Long.parseUnsignedLong(hex, 16);
    }

    private static Set<String> filtersFor(String model) {
        if (model == null) {
            return Set.of();
        }
        String m = model.toLowerCase(Locale.ROOT);
        if (m.startsWith("raspberry pi zero 2")) {
            return Set.of("pi0", "pi0w", "pi02");
        }
        if (m.startsWith("raspberry pi zero w")) {
            return Set.of("pi0", "pi0w");
        }
        if (m.startsWith("raspberry pi zero")) {
            return Set.of("pi0");
        }
        if (m.startsWith("raspberry pi 400")) {
            return Set.of("pi4", "pi400");
        }
        if (m.startsWith("raspberry pi compute module 4s")) {
            return Set.of("pi4", "cm4s");
        }
        if (m.startsWith("raspberry pi compute module 4")) {
            return Set.of("pi4", "cm4");
        }
        if (m.startsWith("raspberry pi 4")) {
            return Set.of("pi4");
        }
        if (m.startsWith("raspberry pi 3 model a plus") || m.startsWith("raspberry pi 3 model b plus")) {
            return Set.of("pi3", "pi3+");
        }
        if (m.startsWith("raspberry pi 3") || m.startsWith("raspberry pi compute module 3")) {
            return Set.of("pi3");
        }
        if (m.startsWith("raspberry pi 2")) {
            return Set.of("pi2");
        }
        if (m.startsWith("raspberry pi 5")) {
            return Set.of("pi5");
        }
        if (m.startsWith("raspberry pi compute module 5")) {
            return Set.of("pi5", "cm5");
        }
        if (m.startsWith("raspberry pi model") || m.startsWith("raspberry pi compute module rev")) {
            return Set.of("pi1");
        }
        return Set.of();
    }
}
