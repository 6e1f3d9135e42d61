package dev.zerocluster.node.setup;

import dev.zerocluster.core.bootfiles.BootFileException;
import dev.zerocluster.core.bootfiles.ConfigTxt;
import dev.zerocluster.core.bootfiles.FileUpdate;
import dev.zerocluster.core.bootfiles.ModprobeConf;
import dev.zerocluster.core.bootfiles.ModulesLoadConf;
import dev.zerocluster.core.bootfiles.PiBoard;
import dev.zerocluster.core.system.SystemRoot;
import java.io.IOException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;

/**
 * USB gadget Ethernet on the node, the way Raspberry Pi's own rpi-usb-gadget does it
 * (raspberry-pi-os.md §3.1): the dwc2 controller in peripheral mode from config.txt, {@code g_ether}
 * loaded by systemd-modules-load, and its MACs pinned with module options ({@link GadgetMacs}).
 *
 * <ul>
 *   <li>{@code [pi0] dtoverlay=dwc2,dr_mode=peripheral} unless a dwc2 overlay already applies to the
 *       board. {@code peripheral} rather than the Zero's default {@code otg}: a node is always the
 *       device end, also on a cable that grounds the ID pin. An applying {@code dr_mode=host} is
 *       refused: it would make the gadget impossible.</li>
 *   <li>{@code /etc/modules-load.d/zerocluster.conf}: {@code g_ether}.</li>
 *   <li>{@code /etc/modprobe.d/zerocluster.conf}: {@code options g_ether dev_addr=… host_addr=…}.</li>
 * </ul>
 * A {@code g_ether.dev_addr=} or {@code g_ether.host_addr=} in cmdline.txt is refused: modprobe
 * applies the kernel command line after the config files, so it would silently win.
 */
final class UsbGadgetSetup {
    static final String MODULES_LOAD = "/etc/modules-load.d/zerocluster.conf";
    static final String MODPROBE = "/etc/modprobe.d/zerocluster.conf";

    private UsbGadgetSetup() {
    }

    static void plan(PiBoard board, GadgetMacs macs, BootEdits boot, SystemRoot root, SetupPlan.Builder plan)
            throws IOException {
        List<ConfigTxt.Overlay> dwc2 = boot.config.overlays(board, "dwc2");
        for (ConfigTxt.Overlay o : dwc2) {
            if ("host".equals(o.paramOnLine("dr_mode"))) {
                throw new BootFileException(boot.config.source() + " line " + o.setting().line() + ": "
                        + o.setting().text() + " puts the USB controller in host mode on this board, and a node needs"
                        + " device (peripheral) mode for the gadget link; remove that line or move it under another"
                        + " model's [filter]");
            }
        }
        if (dwc2.isEmpty()) {
            boot.configChanges.add("USB gadget: " + boot.config.add("pi0", "dtoverlay", "dwc2,dr_mode=peripheral"));
        }

        if (boot.cmdline != null) {
            for (String arg : boot.cmdline.arguments()) {
                if (arg.startsWith("g_ether.dev_addr=") || arg.startsWith("g_ether.host_addr=")) {
                    throw new BootFileException(boot.cmdline.source() + ": " + arg + " would override the MAC that"
                            + " zc-node setup pins in " + MODPROBE + "; remove it from the kernel command line");
                }
            }
        }

        Path modulesFile = root.path(MODULES_LOAD);
        byte[] modulesBefore = FileUpdate.read(modulesFile);
        ModulesLoadConf modules = ModulesLoadConf.parse(orHeader(modulesBefore,
                "# zc-node setup: the USB Ethernet gadget, the node's link to the master.\n"), MODULES_LOAD);
        String added = modules.add("g_ether");
        if (added != null) {
            plan.change(SetupChange.of(FileUpdate.edit(modulesFile, MODULES_LOAD, modulesBefore, modules.render(),
                    List.of(added), newFileMode(modulesBefore)), SetupChange.NEXT_BOOT));
        }

        Path modprobeFile = root.path(MODPROBE);
        byte[] modprobeBefore = FileUpdate.read(modprobeFile);
        ModprobeConf modprobe = ModprobeConf.parse(orHeader(modprobeBefore,
                "# zc-node setup: USB gadget MACs from the board serial, 02:00 + serial on the node, 02:01 + serial"
                        + " on the master.\n"), MODPROBE);
        List<String> options = new ArrayList<>();
        addIfChanged(options, modprobe.setOption("g_ether", "dev_addr", macs.device()));
        addIfChanged(options, modprobe.setOption("g_ether", "host_addr", macs.host()));
        if (!options.isEmpty()) {
            plan.change(SetupChange.of(FileUpdate.edit(modprobeFile, MODPROBE, modprobeBefore, modprobe.render(),
                    options, newFileMode(modprobeBefore)), SetupChange.NEXT_BOOT));
        }
    }

    /** The file's bytes, or for a new file a comment that says who wrote it. */
    static byte[] orHeader(byte[] bytes, String header) {
        return bytes == null ? header.getBytes(java.nio.charset.StandardCharsets.US_ASCII) : bytes;
    }

    /** rw-r--r-- for a file created here; an existing file keeps its mode. */
    static java.util.Set<java.nio.file.attribute.PosixFilePermission> newFileMode(byte[] before) {
        return before == null ? PosixFilePermissions.fromString("rw-r--r--") : null;
    }

    private static void addIfChanged(List<String> changes, String change) {
        if (change != null) {
            changes.add(change);
        }
    }
}
