/**
 * Access to the host: {@link dev.zerocluster.core.system.SystemRoot} (every fixed path under
 * {@code system.root}), {@link dev.zerocluster.core.system.KernelFileReader} (small
 * {@code /proc} and {@code /sys} files into a reused buffer),
 * {@link dev.zerocluster.core.system.CommandRunner} (external programs from argument lists, each
 * with a time limit; never a shell), {@link dev.zerocluster.core.system.AtomicFile} (files that
 * matter replaced whole: temporary file, fsync, rename, fsync of the directory) and
 * {@link dev.zerocluster.core.system.OnceLog}.
 *
 * <p>Config key: {@code system.root}.
 */
package dev.zerocluster.core.system;
