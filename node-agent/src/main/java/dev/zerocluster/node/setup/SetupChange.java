package dev.zerocluster.node.setup;

import dev.zerocluster.core.bootfiles.FileUpdate;
import java.io.IOException;
import java.nio.file.Files;
import java.util.List;

/**
 * One thing {@code zc-node setup} changes: a path as the board names it, what changes there, and
 * when that takes effect.
 *
 * @param path        e.g. {@code /boot/firmware/config.txt}
 * @param what        e.g. "(new, mode 0600)" or ""
 * @param changes     one line each
 * @param takesEffect when it takes effect, e.g. "at the next boot"; every change here needs one
 */
public record SetupChange(String path, String what, List<String> changes, String takesEffect, Action action) {
    static final String NEXT_BOOT = "at the next boot";

    /** Performs the change. */
    @FunctionalInterface
    public interface Action {
        void apply() throws IOException;
    }

    public SetupChange {
        changes = List.copyOf(changes);
    }

    static SetupChange of(FileUpdate update, String takesEffect) {
        return of(update, update.creates() ? "(new)" : update.deletes() ? "(delete)" : "", takesEffect);
    }

    static SetupChange of(FileUpdate update, String what, String takesEffect) {
        return new SetupChange(update.shown(), what, update.changes(), takesEffect, () -> {
            if (update.creates()) {
                // /etc/modules-load.d or NetworkManager's conf.d may not exist on a minimal image.
                Files.createDirectories(update.file().getParent());
            }
            update.write();
        });
    }
}
