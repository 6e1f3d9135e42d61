/**
 * The {@code zc-master} command line (picocli). Exit codes (SPEC §2): 0 ok, 2 usage, 78
 * configuration error, 1 anything else.
 */
package dev.zerocluster.master.cli;
