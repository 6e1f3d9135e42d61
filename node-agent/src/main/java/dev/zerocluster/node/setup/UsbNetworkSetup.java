package dev.zerocluster.node.setup;

import dev.zerocluster.core.bootfiles.FileUpdate;
import dev.zerocluster.core.model.InterfaceName;
import dev.zerocluster.core.system.SystemRoot;
import dev.zerocluster.node.link.usb.UsbLinkConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Keeps the gadget interface a DHCP client of the master ({@code links.usb.addressing: os}).
 *
 * <p>NetworkManager (Bookworm and later; present when {@code /etc/NetworkManager} exists) leaves
 * gadget interfaces unmanaged ({@code ENV{DEVTYPE}=="gadget", ENV{NM_UNMANAGED}="1"} in its
 * {@code 85-nm-unmanaged.rules}). Two files fix that: a {@code [device-…]} section in
 * {@code conf.d} with {@code managed=1}, which NetworkManager ranks above the udev property, and a
 * keyfile profile (mode 0600, as NetworkManager requires) that takes an address by DHCP, IPv6 off,
 * and retries for ever ({@code autoconnect-retries=0}): the master's DHCP server may come up after
 * the node. NetworkManager reads them at the next boot, or at once after
 * {@code nmcli general reload conf && nmcli connection reload}; setup does not run nmcli, so that it
 * never disturbs a connection it is not part of.
 *
 * <p>dhcpcd (Bullseye and older) runs DHCP on every interface unless told otherwise, so there is
 * nothing to write; a {@code denyinterfaces} or {@code allowinterfaces} line that shuts the link out
 * is reported.
 *
 * <p>With {@code links.usb.addressing: static} the agent configures the link itself; files an
 * earlier run wrote here are removed so NetworkManager does not compete for it.
 */
final class UsbNetworkSetup {
    static final String NM_TAKES_EFFECT = SetupChange.NEXT_BOOT
            + ", or now: sudo nmcli general reload conf && sudo nmcli connection reload";

    private UsbNetworkSetup() {
    }

    static String profilePath(InterfaceName iface) {
        return "/etc/NetworkManager/system-connections/zerocluster-" + iface + ".nmconnection";
    }

    static String managedPath(InterfaceName iface) {
        return "/etc/NetworkManager/conf.d/zerocluster-" + iface + ".conf";
    }

    static void plan(UsbLinkConfig usb, SystemRoot root, SetupPlan.Builder plan) throws IOException {
        InterfaceName iface = usb.iface();
        boolean networkManager = Files.isDirectory(root.path("/etc/NetworkManager"));
        if (usb.addressing() == UsbLinkConfig.Addressing.STATIC) {
            for (String path : List.of(profilePath(iface), managedPath(iface))) {
                Path file = root.path(path);
                byte[] before = FileUpdate.read(file);
                if (before != null) {
                    plan.change(SetupChange.of(FileUpdate.removal(file, path, before, "remove: links.usb.addressing is"
                            + " static, so NetworkManager must not configure " + iface), NM_TAKES_EFFECT));
                }
            }
            plan.note("links.usb.addressing is static: zc-node sets the address of " + iface + " itself");
            return;
        }
        if (networkManager) {
            generate(root, profilePath(iface), profile(iface), "rw-------",
                    "DHCP client profile for " + iface + ": ipv4.method=auto, IPv6 off, autoconnect, retries for ever",
                    plan);
            generate(root, managedPath(iface), managed(iface), "rw-r--r--",
                    "NetworkManager manages " + iface + " (gadget interfaces are unmanaged by default)", plan);
            return;
        }
        Path dhcpcd = root.path("/etc/dhcpcd.conf");
        if (Files.isRegularFile(dhcpcd)) {
            List<String> lines = Files.readAllLines(dhcpcd, StandardCharsets.ISO_8859_1);
            boolean shutOut = false;
            for (int i = 0; i < lines.size(); i++) {
                String[] words = lines.get(i).strip().split("\\s+");
                if (words.length > 1 && (words[0].equals("denyinterfaces") || words[0].equals("allowinterfaces"))) {
                    boolean matches = Arrays.stream(words).skip(1).anyMatch(w -> glob(w).matcher(iface.toString()).matches());
                    if (words[0].equals("denyinterfaces") == matches) {
                        shutOut = true;
                        plan.warn("/etc/dhcpcd.conf line " + (i + 1) + ": '" + lines.get(i).strip()
                                + "' keeps dhcpcd from configuring " + iface + "; the node gets no address on the link");
                    }
                }
            }
            if (!shutOut) {
                plan.note("dhcpcd configures " + iface + " by DHCP (its default): nothing to change");
            }
            return;
        }
        plan.warn("neither NetworkManager (" + root.path("/etc/NetworkManager") + ") nor dhcpcd ("
                + dhcpcd + ") found: give " + iface + " a DHCP client, or set links.usb.addressing: static");
    }

    /** NetworkManager keyfile (nm-settings-keyfile(5)); # lines are comments there. */
    static String profile(InterfaceName iface) {
        String id = "zerocluster-" + iface;
        // A fixed uuid per interface name: a rewritten profile stays the same connection.
        UUID uuid = UUID.nameUUIDFromBytes(("zerocluster-nm-profile:" + iface).getBytes(StandardCharsets.UTF_8));
        return "# Written by zc-node setup, which rewrites it: the USB gadget link to the master, by DHCP.\n"
                + "[connection]\n"
                + "id=" + id + "\n"
                + "uuid=" + uuid + "\n"
                + "type=ethernet\n"
                + "interface-name=" + iface + "\n"
                + "autoconnect=true\n"
                + "autoconnect-retries=0\n"
                + "\n"
                + "[ethernet]\n"
                + "\n"
                + "[ipv4]\n"
                + "method=auto\n"
                + "\n"
                + "[ipv6]\n"
                + "method=disabled\n";
    }

    /** A NetworkManager.conf snippet (NetworkManager.conf(5), "Device List Format" and [device]). */
    static String managed(InterfaceName iface) {
        return "# Written by zc-node setup, which rewrites it. NetworkManager leaves USB gadget interfaces\n"
                + "# unmanaged (85-nm-unmanaged.rules); a zerocluster node wants its DHCP client on " + iface + ".\n"
                + "[device-zerocluster-" + iface + "]\n"
                + "match-device=interface-name:" + iface + "\n"
                + "managed=1\n";
    }

    private static void generate(SystemRoot root, String path, String content, String mode, String change,
                                 SetupPlan.Builder plan) throws IOException {
        Path file = root.path(path);
        byte[] before = FileUpdate.read(file);
        byte[] after = content.getBytes(StandardCharsets.UTF_8);
        if (Arrays.equals(before, after)) {
            if (PosixFilePermissions.toString(Files.getPosixFilePermissions(file)).equals(mode)) {
                return;
            }
            // NetworkManager ignores a profile that others can read.
            plan.change(new SetupChange(path, "", List.of("set mode " + mode), NM_TAKES_EFFECT,
                    () -> Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(mode))));
            return;
        }
        FileUpdate update = FileUpdate.generated(file, path, before, after, change, PosixFilePermissions.fromString(mode));
        String what = before == null ? (mode.equals("rw-------") ? "(new, mode 0600)" : "(new)") : "";
        plan.change(SetupChange.of(update, what, NM_TAKES_EFFECT));
    }

    /** dhcpcd's interface patterns are shell globs (fnmatch(3)): * and ? are enough here. */
    private static Pattern glob(String glob) {
        StringBuilder re = new StringBuilder();
        for (char c : glob.toCharArray()) {
            re.append(c == '*' ? ".*" : c == '?' ? "." : Pattern.quote(String.valueOf(c)));
        }
        return Pattern.compile(re.toString());
    }
}
