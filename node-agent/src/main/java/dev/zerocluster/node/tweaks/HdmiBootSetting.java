package dev.zerocluster.node.tweaks;

import dev.zerocluster.core.bootfiles.BootFileException;
import dev.zerocluster.core.bootfiles.ConfigTxt;
import dev.zerocluster.core.bootfiles.PiBoard;
import java.util.ArrayList;
import java.util.List;

/**
 * HDMI at boot under KMS: the {@code nohdmi} parameter of {@code dtoverlay=vc4-kms-v3d}, which
 * drops the overlay's HDMI and i2c2 fragments ({@code __overrides__ nohdmi = <0>,"-1-7"} in
 * raspberrypi/linux {@code arch/arm/boot/dts/overlays/vc4-kms-v3d-overlay.dts}), so the HDMI block
 * is never enabled. Used by the HDMI tweak and by {@code zc-node setup}.
 */
public final class HdmiBootSetting {
    static final String OVERLAY = "vc4-kms-v3d";
    static final String FLAG = "nohdmi";

    private HdmiBootSetting() {
    }

    /** Whether the next boot leaves HDMI off; null when no vc4-kms-v3d overlay applies to the board. */
    public static Boolean offAtBoot(ConfigTxt config, PiBoard board) {
        List<ConfigTxt.Overlay> overlays = config.overlays(board, OVERLAY);
        if (overlays.isEmpty()) {
            return null;
        }
        return overlays.stream().allMatch(o -> o.flag(FLAG));
    }

    /**
     * Sets or clears {@code nohdmi} on every vc4-kms-v3d overlay that applies to {@code board}.
     * Returns the changes (empty when already so); refuses a config.txt where no such overlay applies,
     * since the KMS driver is then loaded some other way this setting cannot reach.
     */
    public static List<String> set(ConfigTxt config, PiBoard board, boolean off) throws BootFileException {
        List<ConfigTxt.Overlay> overlays = config.overlays(board, OVERLAY);
        if (overlays.isEmpty()) {
            throw new BootFileException(config.source() + ": no dtoverlay=" + OVERLAY + " applies to this board ("
                    + board.model() + "), so HDMI cannot be switched " + (off ? "off" : "on") + " at boot with "
                    + FLAG);
        }
        List<String> changes = new ArrayList<>();
        for (ConfigTxt.Overlay o : overlays) {
            if (o.flag(FLAG) != off) {
                // In place: no line moves, so the other overlays' line numbers stay right.
                changes.add(config.setOverlayFlag(o, FLAG, off));
            }
        }
        return changes;
    }
}
