package dev.zerocluster.node.setup;

import dev.zerocluster.core.bootfiles.BootFileException;
import dev.zerocluster.core.bootfiles.BootPartition;
import dev.zerocluster.core.bootfiles.CmdlineTxt;
import dev.zerocluster.core.bootfiles.ConfigTxt;
import dev.zerocluster.core.bootfiles.FileUpdate;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * config.txt and cmdline.txt, parsed once and edited by every part of the setup in turn, so each
 * file is written once with all its changes. Both are parsed before anything is planned: a file
 * that cannot be parsed stops the setup before it writes anything.
 */
final class BootEdits {
    final BootPartition partition;
    final ConfigTxt config;
    final List<String> configChanges = new ArrayList<>();
    /** Null when the boot partition has no cmdline.txt. */
    final CmdlineTxt cmdline;
    final List<String> cmdlineChanges = new ArrayList<>();
    private final byte[] configBefore;
    private final byte[] cmdlineBefore;

    private BootEdits(BootPartition partition, byte[] configBefore, ConfigTxt config, byte[] cmdlineBefore,
                      CmdlineTxt cmdline) {
        this.partition = partition;
        this.configBefore = configBefore;
        this.config = config;
        this.cmdlineBefore = cmdlineBefore;
        this.cmdline = cmdline;
    }

    static BootEdits read(BootPartition partition) throws IOException {
        byte[] config = FileUpdate.read(partition.configTxt());
        byte[] cmdline = FileUpdate.read(partition.cmdlineTxt());
        // config.txt is optional (the firmware's defaults apply without it); a missing one starts empty.
        return new BootEdits(partition, config,
                ConfigTxt.parse(config == null ? new byte[0] : config, partition.shown("config.txt")),
                cmdline, cmdline == null ? null : CmdlineTxt.parse(cmdline, partition.shown("cmdline.txt")));
    }

    /** cmdline.txt, or an error when a change needs it and the boot partition has none. */
    CmdlineTxt cmdline() throws BootFileException {
        if (cmdline == null) {
            throw new BootFileException(partition.shown("cmdline.txt") + " does not exist; the kernel command line"
                    + " cannot be checked or changed");
        }
        return cmdline;
    }

    /** The two files' updates, for those that change. */
    List<FileUpdate> updates() {
        List<FileUpdate> out = new ArrayList<>();
        if (!configChanges.isEmpty()) {
            out.add(FileUpdate.edit(partition.configTxt(), partition.shown("config.txt"), configBefore,
                    config.render(), configChanges, null));
        }
        if (!cmdlineChanges.isEmpty()) {
            out.add(FileUpdate.edit(partition.cmdlineTxt(), partition.shown("cmdline.txt"), cmdlineBefore,
                    cmdline.render(), cmdlineChanges, null));
        }
        return out;
    }
}
