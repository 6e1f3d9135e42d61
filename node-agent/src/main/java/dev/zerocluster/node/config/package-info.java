/**
 * The node's whole configuration ({@code /etc/zerocluster/node.yaml}, SPEC §3): every key, read
 * once into {@link dev.zerocluster.node.config.NodeConfig}. Each capability's own record reads its
 * keys; this package adds {@code cluster}, {@code node.id}, {@code system.root},
 * {@code node.hostname}, {@code ssh.user} and {@code state.dir}.
 */
package dev.zerocluster.node.config;
