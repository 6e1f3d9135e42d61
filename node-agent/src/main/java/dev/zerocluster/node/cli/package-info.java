/**
 * The {@code zc-node} command line (picocli) and {@code NodeWiring}, which builds the daemon with plain constructors. Exit codes
 * (SPEC §2): 0 ok, 2 usage, 78 configuration error, 1 anything else.
 */
package dev.zerocluster.node.cli;
