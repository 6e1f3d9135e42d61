/**
 * The master's whole configuration ({@code /etc/zerocluster/master.yaml}, SPEC §3), read once into
 * {@link dev.zerocluster.master.config.MasterConfig}; each capability's record reads its own keys.
 * This package adds {@code cluster}, {@code system.root}, {@code state.dir} and
 * {@code ssh.public-key}.
 */
package dev.zerocluster.master.config;
