/**
 * What both command lines share: the exit codes of SPEC §2 (0 ok, 2 usage, 78 configuration, 1
 * other) and how errors are printed. Needs picocli on the class path of the daemon that uses it.
 */
package dev.zerocluster.core.cli;
