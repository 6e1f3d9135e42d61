/**
 * The serial fallback link. Config keys: {@code links.serial.enabled}, {@code links.serial.device},
 * {@code links.serial.baud}, {@code links.serial.protocol}, {@code links.serial.address}.
 */
package dev.zerocluster.node.link.serial;
