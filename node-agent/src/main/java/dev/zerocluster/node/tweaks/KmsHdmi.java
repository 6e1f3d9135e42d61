package dev.zerocluster.node.tweaks;

import dev.zerocluster.core.bootfiles.BootFileException;
import dev.zerocluster.core.bootfiles.BootPartition;
import dev.zerocluster.core.bootfiles.ConfigTxt;
import dev.zerocluster.core.bootfiles.FileUpdate;
import dev.zerocluster.core.bootfiles.PiBoard;
import dev.zerocluster.core.system.KernelFileReader;
import dev.zerocluster.core.system.SystemRoot;
import java.io.File;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * HDMI under the KMS driver: switched at boot with {@link HdmiBootSetting} in config.txt, read at
 * run time from the connectors in {@code /sys/class/drm} ({@code card?-HDMI-A-?}, whose
 * {@code enabled} says whether it drives a display). A board booted with {@code nohdmi} has no HDMI
 * connector at all.
 *
 * <p>State: {@code pending-reboot} while config.txt and the running system disagree; else
 * {@code off} (no connector, or none enabled) or {@code on}.
 */
final class KmsHdmi implements Hdmi {
    private final SystemRoot root;
    private final PiBoard board;
    private final KernelFileReader reader;
    private final Path drm;
    private BootPartition partition;
    private File configFile;
    /** What the last config.txt read said, kept while its size and modification time stay the same. */
    private long cachedSize = -1;
    private long cachedModified;
    private Boolean cachedOffAtBoot;

    KmsHdmi(SystemRoot root, PiBoard board, KernelFileReader reader) {
        this.root = root;
        this.board = board;
        this.reader = reader;
        this.drm = root.path("/sys/class/drm");
    }

    @Override
    public TweakState state() {
        return state(offAtBootOrNull());
    }

    @Override
    public TweakResult status() {
        Boolean offAtBoot;
        String boot;
        try {
            BootPartition partition = BootPartition.find(root);
            offAtBoot = HdmiBootSetting.offAtBoot(parse(partition), board);
            boot = offAtBoot == null ? "no dtoverlay=vc4-kms-v3d applies in " + partition.shown("config.txt")
                    : partition.shown("config.txt") + (offAtBoot ? " has nohdmi" : " has no nohdmi");
        } catch (IOException e) {
            offAtBoot = null;
            boot = e.getMessage();
        }
        return TweakResult.ok(NAME, state(offAtBoot), "KMS: " + boot + "; " + running());
    }

    @Override
    public TweakResult switchTo(boolean on) {
        try {
            BootPartition partition = BootPartition.find(root);
            byte[] before = FileUpdate.read(partition.configTxt());
            String shown = partition.shown("config.txt");
            ConfigTxt config = ConfigTxt.parse(before == null ? new byte[0] : before, shown);
            List<String> changes = HdmiBootSetting.set(config, board, !on);
            if (changes.isEmpty()) {
                TweakState state = state(!on);
                return TweakResult.ok(NAME, state, shown + (on ? " has no nohdmi" : " has nohdmi") + " already; "
                        + running());
            }
            FileUpdate.edit(partition.configTxt(), shown, before, config.render(), changes, null).write();
            TweakState state = state(!on);
            return TweakResult.ok(NAME, state, shown + " " + String.join(", ", changes)
                    + (state == TweakState.PENDING_REBOOT ? "; takes effect at the next boot" : ""));
        } catch (IOException e) {
            return TweakResult.failed(NAME, state(), e.getMessage());
        }
    }

    private TweakState state(Boolean offAtBoot) {
        // One pass over the directory, no list: this runs for every health report.
        int connectors = 0;
        boolean enabled = false;
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(drm, "card*-HDMI-*")) {
            for (Path c : entries) {
                connectors++;
                enabled |= reader.load(c.resolve("enabled")) && reader.contentEquals("enabled");
            }
        } catch (IOException e) {
            return null;
        }
        if (offAtBoot == null) {
            return enabled ? TweakState.ON : TweakState.OFF;
        }
        if (offAtBoot) {
            return connectors == 0 ? TweakState.OFF : TweakState.PENDING_REBOOT;
        }
        if (connectors == 0) {
            return TweakState.PENDING_REBOOT;
        }
        return enabled ? TweakState.ON : TweakState.OFF;
    }

    private String running() {
        List<Path> connectors = connectors();
        if (connectors == null) {
            return "cannot read " + drm;
        }
        if (connectors.isEmpty()) {
            return "no HDMI connector in " + drm;
        }
        List<String> seen = new ArrayList<>();
        for (Path c : connectors) {
            String enabled = reader.readText(c.resolve("enabled"));
            seen.add(c.getFileName() + " " + (enabled == null ? "?" : enabled));
        }
        return String.join(", ", seen);
    }

    /**
     * Read for every health report, so cheap when nothing changed: the boot partition is found once,
     * and config.txt is parsed again only when its size or modification time moved.
     */
    private Boolean offAtBootOrNull() {
        try {
            if (partition == null) {
                partition = BootPartition.find(root);
                configFile = partition.configTxt().toFile();
            }
            // java.io.File answers both from stat(2) as plain longs, allocating nothing.
            long size = configFile.length();
            long modified = configFile.lastModified();
            if (modified == 0) {
                throw new IOException("cannot stat " + configFile);
            }
            if (size != cachedSize || modified != cachedModified) {
                cachedOffAtBoot = HdmiBootSetting.offAtBoot(parse(partition), board);
                cachedSize = size;
                cachedModified = modified;
            }
            return cachedOffAtBoot;
        } catch (IOException e) {
            cachedSize = -1;
            return null;
        }
    }

    private static ConfigTxt parse(BootPartition partition) throws IOException {
        byte[] bytes = FileUpdate.read(partition.configTxt());
        if (bytes == null) {
            throw new BootFileException(partition.shown("config.txt") + " does not exist");
        }
        return ConfigTxt.parse(bytes, partition.shown("config.txt"));
    }

    /** The HDMI connectors, or null when /sys/class/drm cannot be listed. */
    private List<Path> connectors() {
        List<Path> out = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(drm, "card*-HDMI-*")) {
            for (Path p : entries) {
                out.add(p);
            }
        } catch (IOException e) {
            return null;
        }
        out.sort(null);
        return out;
    }
}
