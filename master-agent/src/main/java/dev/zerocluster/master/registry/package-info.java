/**
 * The master's registry of nodes, built from their status and health messages ({@code MessageIngest}
 * checks and parses them; they come from the embedded broker directly or from the master's MQTT
 * client subscribed to an external one). Config key:
 * {@code nodes.offline-after}.
 */
package dev.zerocluster.master.registry;
