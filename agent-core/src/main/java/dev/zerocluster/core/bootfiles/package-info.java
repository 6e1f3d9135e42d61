/**
 * Editing the files that decide how a Raspberry Pi boots: {@code config.txt} ({@link
 * dev.zerocluster.core.bootfiles.ConfigTxt}), {@code cmdline.txt} ({@link
 * dev.zerocluster.core.bootfiles.CmdlineTxt}), {@code /etc/modules-load.d/*.conf} ({@link
 * dev.zerocluster.core.bootfiles.ModulesLoadConf}) and {@code /etc/modprobe.d/*.conf} ({@link
 * dev.zerocluster.core.bootfiles.ModprobeConf}), and finding the boot partition they live on
 * ({@link dev.zerocluster.core.bootfiles.BootPartition}: {@code /boot/firmware} since Bookworm,
 * {@code /boot} before).
 *
 * <p>Each format class parses a file into lines, edits one setting at a time and renders the rest
 * byte for byte as it was read: comments, blank lines, order, line endings and unknown settings
 * are kept. A file that cannot be parsed is refused with a {@link
 * dev.zerocluster.core.bootfiles.BootFileException} naming the file and line, and is not written.
 * {@link dev.zerocluster.core.bootfiles.FileUpdate} writes the result through {@link
 * dev.zerocluster.core.system.AtomicFile} (temporary file, fsync, rename, fsync of the directory)
 * after keeping one backup of the previous version beside it ({@code <name>.zc-backup}).
 *
 * <p>A package of its own rather than part of {@code core.system}: these classes know file
 * formats, not the host, and only the node agent's setup and tweaks use them. They read and write
 * only the paths they are given; callers resolve them under {@code system.root}. No configuration
 * keys.
 */
package dev.zerocluster.core.bootfiles;
