package dev.zerocluster.node.setup;

import java.util.Locale;

/**
 * The MAC addresses of the USB gadget link, pinned so that a node keeps its DHCP lease, its
 * {@code known_hosts} entry and the master-side interface name across reboots (unpinned
 * {@code g_ether} picks new random ones each boot, raspberry-pi-os.md §3.3).
 *
 * <p>Scheme: {@code 02:00:} + the last 8 hex digits of the board serial for the node's own end
 * ({@code dev_addr}, usb0 on the Zero), {@code 02:01:} + the same digits for the master's end
 * ({@code host_addr}). The first octet 0x02 marks a locally administered unicast address (IEEE
 * 802: bit 1 set, bit 0 clear), so it cannot clash with a vendor's. The last 8 hex digits are the
 * whole serial of every Zero (the upper half reads zero) and are what {@code node.id: auto} is made
 * of, so node {@code zero-a1b2c3d4} has {@code 02:00:a1:b2:c3:d4} and the master sees
 * {@code 02:01:a1:b2:c3:d4}: distinct per board, the same after every reboot, readable at a glance.
 */
public record GadgetMacs(String device, String host) {

    /** From a serial as read from the device tree or /proc/cpuinfo (hex, at least 8 digits). */
    public static GadgetMacs fromSerial(String serial) {
        String hex = serial == null ? "" : serial.strip().toLowerCase(Locale.ROOT);
        if (hex.length() < 8 || !hex.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
            throw new IllegalArgumentException("'" + serial + "' is not a board serial (8 or more hex digits)");
        }
        String tail = hex.substring(hex.length() - 8);
        String bytes = tail.substring(0, 2) + ":" + tail.substring(2, 4) + ":" + tail.substring(4, 6) + ":"
                + tail.substring(6, 8);
        return new GadgetMacs("02:00:" + bytes, "02:01:" + bytes);
    }
}
