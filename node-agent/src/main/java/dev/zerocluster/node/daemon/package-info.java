/**
 * {@code zc-node run}: the node daemon. Connects to the master's broker (SPEC §4) as the node's
 * user, announces itself on {@code <base>/nodes/<id>/status} (retained birth, last will, graceful
 * offline on shutdown) and publishes a health report every {@code health.interval}. Reads
 * {@code /proc/sys/kernel/random/boot_id}; the join token and password files from the
 * configuration. Config keys: {@code mqtt.*}, {@code health.interval}.
 */
package dev.zerocluster.node.daemon;
