/**
 * The USB gadget Ethernet link to the master. Config keys: {@code links.usb.enabled},
 * {@code links.usb.interface}, {@code links.usb.addressing}, {@code links.usb.address},
 * {@code links.usb.gateway}.
 */
package dev.zerocluster.node.link.usb;
