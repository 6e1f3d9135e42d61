/**
 * Power tweaks: HDMI and the ACT LED. Config keys: {@code tweaks.hdmi}, {@code tweaks.act-led}.
 */
package dev.zerocluster.node.tweaks;
