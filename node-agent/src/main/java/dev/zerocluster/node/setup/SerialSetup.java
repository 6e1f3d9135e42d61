package dev.zerocluster.node.setup;

import dev.zerocluster.core.bootfiles.PiBoard;
import dev.zerocluster.core.system.SystemRoot;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The UART for the serial fallback ({@code links.serial.enabled}), as raspberrypi/documentation
 * {@code computers/configuration/uart.adoc} and raspi-config's {@code do_serial_hw 0} /
 * {@code do_serial_cons 1} do it:
 * <ul>
 *   <li>{@code enable_uart=1} for the Zero family (every applying line agrees, else it is added
 *       under {@code [pi0]});</li>
 *   <li>on the Zero W and Zero 2 W, whose PL011 drives Bluetooth, {@code dtoverlay=disable-bt}
 *       under {@code [pi0w]} (the filter that selects exactly those two) so the PL011 is the
 *       primary UART on GPIO 14/15, and {@code hciuart.service} masked so nothing tries to attach
 *       Bluetooth to it; an applying {@code miniuart-bt} is accepted as it also frees the PL011;</li>
 *   <li>no serial console in cmdline.txt: {@code console=serial0,…} (or the older
 *       {@code ttyAMA0}/{@code ttyS0} forms) is removed, and with it the login prompt systemd's
 *       getty generator would put on the line.</li>
 * </ul>
 */
final class SerialSetup {
    /** Overlays that put the PL011 on GPIO 14/15; the pi3- names are the pre-2020 aliases. */
    static final Set<String> FREES_PL011 = Set.of("disable-bt", "miniuart-bt", "pi3-disable-bt", "pi3-miniuart-bt");
    private static final Pattern SERIAL_CONSOLE = Pattern.compile("console=(serial[01]|ttyAMA[0-9]+|ttyS[0-9]+)(,.*)?");
    static final String HCIUART_MASK = "/etc/systemd/system/hciuart.service";

    private SerialSetup() {
    }

    static void plan(PiBoard board, BootEdits boot, SystemRoot root, SetupPlan.Builder plan) throws IOException {
        boot.config.ensure(board, "pi0", "enable_uart", "1").forEach(c -> boot.configChanges.add("serial link: " + c));
        if (board.isZeroWireless()) {
            boolean freed = FREES_PL011.stream().anyMatch(o -> !boot.config.overlays(board, o).isEmpty());
            if (!freed) {
                boot.configChanges.add("serial link: " + boot.config.add("pi0w", "dtoverlay", "disable-bt"));
            }
            maskHciuart(root, plan);
        }
        boot.cmdline().remove(SERIAL_CONSOLE.asMatchPredicate())
                .forEach(c -> boot.cmdlineChanges.add("serial link: " + c + " (no login console on the UART)"));
    }

    private static void maskHciuart(SystemRoot root, SetupPlan.Builder plan) throws IOException {
        boolean installed = List.of("/lib/systemd/system/hciuart.service", "/usr/lib/systemd/system/hciuart.service")
                .stream().anyMatch(p -> Files.exists(root.path(p)));
        if (!installed) {
            return;
        }
        Path mask = root.path(HCIUART_MASK);
        if (Files.isSymbolicLink(mask)) {
            Path target = Files.readSymbolicLink(mask);
            if (target.toString().equals("/dev/null")) {
                return;
            }
        }
        if (Files.exists(mask, java.nio.file.LinkOption.NOFOLLOW_LINKS) && !Files.isSymbolicLink(mask)) {
            plan.warn(HCIUART_MASK + " is a unit file of its own; not masking hciuart.service over it. Make sure it"
                    + " does not attach Bluetooth to the UART.");
            return;
        }
        plan.change(new SetupChange(HCIUART_MASK, "(symlink)", List.of("mask hciuart.service (link to /dev/null, as"
                + " systemctl mask does): Bluetooth no longer claims the UART"), SetupChange.NEXT_BOOT,
                () -> SystemdMask.mask(mask)));
    }
}
