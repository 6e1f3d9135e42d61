/**
 * {@code zc-node setup}: the boot and OS configuration a Pi Zero needs to be a node, made once
 * ({@link dev.zerocluster.node.setup.NodeSetup}), printed change by change, idempotent.
 *
 * <p>Touches, under {@code system.root}: {@code /boot/firmware/config.txt} or
 * {@code /boot/config.txt} ({@code [pi0] dtoverlay=dwc2,dr_mode=peripheral}; with the serial link
 * {@code enable_uart=1} and, on Zero W / Zero 2 W, {@code [pi0w] dtoverlay=disable-bt}; under KMS
 * {@code nohdmi} on {@code dtoverlay=vc4-kms-v3d} per {@code tweaks.hdmi}), {@code cmdline.txt}
 * (serial console removed), {@code /etc/modules-load.d/zerocluster.conf} ({@code g_ether}),
 * {@code /etc/modprobe.d/zerocluster.conf} (pinned MACs, {@link dev.zerocluster.node.setup.GadgetMacs}),
 * {@code /etc/NetworkManager/system-connections/zerocluster-<if>.nmconnection} and
 * {@code /etc/NetworkManager/conf.d/zerocluster-<if>.conf} (when NetworkManager is installed),
 * {@code /etc/systemd/system/hciuart.service} (masked with the serial link on Zero W / 2 W).
 * Reads {@code /proc/device-tree/model}, {@code /proc/device-tree/serial-number},
 * {@code /proc/cpuinfo}, {@code /sys/class/drm}, {@code /etc/dhcpcd.conf}. Runs no command.
 *
 * <p>Config keys: {@code links.usb.enabled}, {@code links.usb.interface},
 * {@code links.usb.addressing}, {@code links.serial.enabled}, {@code tweaks.hdmi}.
 */
package dev.zerocluster.node.setup;
