package dev.zerocluster.node.setup;

import dev.zerocluster.core.bootfiles.BootPartition;
import dev.zerocluster.core.bootfiles.FileUpdate;
import dev.zerocluster.core.bootfiles.PiBoard;
import dev.zerocluster.core.cli.CommandFailedException;
import dev.zerocluster.core.system.SystemRoot;
import dev.zerocluster.node.config.NodeConfig;
import dev.zerocluster.node.health.BoardIdentity;
import dev.zerocluster.node.tweaks.HdmiBootSetting;
import dev.zerocluster.node.tweaks.TweaksConfig;
import java.io.IOException;
import java.nio.file.Files;

/**
 * {@code zc-node setup}: works out every change the node's boot and OS configuration needs (USB
 * gadget, network profile, UART, HDMI at boot), reading and parsing every file first, so that a
 * file it cannot parse stops it before anything is written. Applying the plan writes only what
 * differs, so a second run finds nothing to change.
 */
public final class NodeSetup {
    private final NodeConfig config;
    private final SystemRoot root;

    public NodeSetup(NodeConfig config, SystemRoot root) {
        this.config = config;
        this.root = root;
    }

    public SetupPlan plan() throws IOException {
        BoardIdentity identity = BoardIdentity.read(root);
        PiBoard board = PiBoard.of(identity.model(), identity.serial());
        if (!board.isZero()) {
            throw new CommandFailedException("zc-node setup prepares a Pi Zero, Zero W or Zero 2 W as a node; this is "
                    + (identity.model() == null ? "not a Raspberry Pi (no model in " + root.path("/proc/device-tree/model")
                    + " or " + root.path("/proc/cpuinfo") + ")" : "a " + identity.model()));
        }
        BootPartition partition = BootPartition.find(root);
        BootEdits boot = BootEdits.read(partition);
        SetupPlan.Builder plan = new SetupPlan.Builder();
        StringBuilder header = new StringBuilder("zc-node setup: " + identity.model() + ", serial " + identity.serial()
                + ", boot files in " + partition.hostDir() + (root.isHost() ? "" : " (under " + root + ")"));

        if (config.usb().enabled()) {
            GadgetMacs macs;
            try {
                macs = GadgetMacs.fromSerial(identity.serial());
            } catch (IllegalArgumentException e) {
                throw new CommandFailedException("cannot pin the USB gadget MACs: " + e.getMessage());
            }
            header.append("\nUSB gadget MACs: node end (dev_addr) ").append(macs.device())
                    .append(", master end (host_addr) ").append(macs.host());
            UsbGadgetSetup.plan(board, macs, boot, root, plan);
            UsbNetworkSetup.plan(config.usb(), root, plan);
        } else {
            plan.note("links.usb.enabled is false: USB gadget and network profile left as they are");
        }
        if (config.serial().enabled()) {
            SerialSetup.plan(board, boot, root, plan);
        }
        planHdmi(board, boot, plan);
        plan.note("act-led: zc-node run switches the ACT LED at each start (tweaks.act-led); nothing to change at boot");

        // The boot files first, with everything every part changed in them; then the rest in order.
        SetupPlan parts = plan.build("");
        SetupPlan.Builder ordered = new SetupPlan.Builder();
        for (FileUpdate u : boot.updates()) {
            ordered.change(SetupChange.of(u, SetupChange.NEXT_BOOT));
        }
        parts.changes().forEach(ordered::change);
        parts.notes().forEach(ordered::note);
        parts.warnings().forEach(ordered::warn);
        return ordered.build(header.toString());
    }

    /**
     * HDMI is a boot setting only under KMS ({@code /sys/class/drm} exists); under the legacy driver
     * {@code zc-node run} switches it with tvservice at each start, and setup has nothing to write.
     */
    private void planHdmi(PiBoard board, BootEdits boot, SetupPlan.Builder plan) throws IOException {
        TweaksConfig.Setting hdmi = config.tweaks().hdmi();
        if (hdmi == TweaksConfig.Setting.KEEP) {
            return;
        }
        if (!Files.isDirectory(root.path("/sys/class/drm"))) {
            plan.note("hdmi: legacy display driver; zc-node run switches HDMI " + (hdmi == TweaksConfig.Setting.OFF
                    ? "off" : "on") + " with tvservice at each start, nothing to change at boot");
            return;
        }
        if (HdmiBootSetting.offAtBoot(boot.config, board) == null) {
            plan.warn("hdmi: the KMS driver runs, but no dtoverlay=vc4-kms-v3d applies to this board in "
                    + boot.config.source() + ": HDMI cannot be switched at boot here; left as it is");
            return;
        }
        String why = "HDMI " + (hdmi == TweaksConfig.Setting.OFF ? "off" : "on") + " at boot (tweaks.hdmi): ";
        HdmiBootSetting.set(boot.config, board, hdmi == TweaksConfig.Setting.OFF)
                .forEach(c -> boot.configChanges.add(why + c));
    }
}
