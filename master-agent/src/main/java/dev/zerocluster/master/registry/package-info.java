/**
 * The master's registry of nodes, built from their status and health messages. Config key:
 * {@code nodes.offline-after}.
 */
package dev.zerocluster.master.registry;
