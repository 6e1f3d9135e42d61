/**
 * Power tweaks: HDMI and the ACT LED, applied by {@code zc-node run} at start and by
 * {@code zc-node tweaks apply}, undone by {@code zc-node tweaks revert}, shown by
 * {@code zc-node tweaks status} and in the health report's {@code tweaks}
 * ({@link dev.zerocluster.node.tweaks.PowerTweaks}, {@link dev.zerocluster.node.tweaks.TweakStateReader}).
 *
 * <p>HDMI ({@link dev.zerocluster.node.tweaks.Hdmi}): under KMS ({@code /sys/class/drm} exists) the
 * {@code nohdmi} parameter of {@code dtoverlay=vc4-kms-v3d} in config.txt, through the boot-file
 * editor, {@code pending-reboot} until the board has booted with it; under the legacy firmware
 * driver {@code tvservice -o} / {@code -p} / {@code -s} from {@code /usr/bin} or
 * {@code /opt/vc/bin}. ACT LED ({@link dev.zerocluster.node.tweaks.ActLed}):
 * {@code /sys/class/leds/ACT} or {@code led0}, its {@code trigger}, {@code brightness},
 * {@code max_brightness}; polarity and default trigger from {@code /proc/device-tree/leds/};
 * the trigger it had before, in {@code <state.dir>/act-led.json}.
 *
 * <p>Config keys: {@code tweaks.hdmi}, {@code tweaks.act-led} ({@code off|on|keep}); uses
 * {@code state.dir}.
 */
package dev.zerocluster.node.tweaks;
