package dev.zerocluster.core.bootfiles;

import java.nio.file.Path;
import java.util.List;

/**
 * The child process of {@link BootFileCrashTest}: toggles {@code dtoverlay=dwc2} in the
 * {@code [pi0]} section of a config.txt, through the same parse, edit and {@link FileUpdate} path
 * that {@code zc-node setup} uses, until it is killed.
 */
public final class BootFileEditLoop {
    static final PiBoard BOARD = PiBoard.of("Raspberry Pi Zero W Rev 1.1", "00000000a1b2c3d4");
    /** Edits made before saying ready. */
    static final int WARM_EDITS = 10;

    private BootFileEditLoop() {
    }

    public static void main(String[] args) throws Exception {
        Path file = Path.of(args[0]);
        // Load and warm up the parser first, so the kills fall on edits rather than on class loading.
        byte[] warm = FileUpdate.read(file);
        for (int i = 0; i < 200; i++) {
            warm = toggle(warm);
        }
        // Then the write path (the temporary file, its random name, the fsyncs, the rename), with real
        // edits: an even number, so the file is as the test left it. The last ones are timed, and the
        // test lets the edit loop run for some of these before it kills.
        long editNanos = 0;
        for (int i = 1; i <= WARM_EDITS; i++) {
            long start = System.nanoTime();
            editOnce(file);
            if (i > WARM_EDITS / 2) {
                editNanos = Math.max(editNanos, System.nanoTime() - start);
            }
        }
        System.out.println("ready " + editNanos);
        System.out.flush();
        while (true) {
            editOnce(file);
        }
    }

    private static void editOnce(Path file) throws Exception {
        byte[] before = FileUpdate.read(file);
        FileUpdate.edit(file, file.toString(), before, toggle(before), List.of("toggle"), null).write();
    }

    /** The other of the two versions. */
    static byte[] toggle(byte[] before) throws BootFileException {
        ConfigTxt config = ConfigTxt.parse(before, "config.txt");
        List<ConfigTxt.Overlay> dwc2 = config.overlays(BOARD, "dwc2");
        if (dwc2.isEmpty()) {
            config.add("pi0", "dtoverlay", "dwc2,dr_mode=peripheral");
        } else {
            config.remove(dwc2.get(0).setting().line());
        }
        return config.render();
    }
}
