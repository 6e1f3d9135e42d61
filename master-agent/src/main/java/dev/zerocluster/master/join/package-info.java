/**
 * Auto-join: node links noticed by name, the bridge, DHCP and DNS (dnsmasq), NAT to the uplink.
 * Config keys: {@code links.usb.interfaces}, {@code network.bridge}, {@code network.address},
 * {@code network.uplink}, {@code network.nat}, {@code network.dhcp}.
 */
package dev.zerocluster.master.join;
