package dev.zerocluster.core.bootfiles;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each folder under {@code src/test/resources/bootfiles/} is one file ({@code config.txt} or
 * {@code cmdline.txt}) and a few edits in {@code edits.txt}. The edited file must equal
 * {@code expected.txt} byte for byte and the reported changes {@code changes.txt}; a file the
 * editor refuses has {@code error.txt} instead. Every case also checks that an unedited parse
 * renders the input unchanged and that running the edits a second time changes nothing.
 *
 * <p>Edit commands: {@code board MODEL…}, {@code serial HEX}; for config.txt {@code overlay SECTION
 * VALUE} (add unless an overlay of that name applies), {@code ensure SECTION KEY VALUE},
 * {@code flag OVERLAY PARAM on|off}, {@code overlays NAME} (lists them); for cmdline.txt
 * {@code remove REGEX}, {@code add ARG} (unless present).
 */
class BootFileCasesTest {
    static final Path CASES = Path.of("src/test/resources/bootfiles");

    static Stream<String> cases() throws IOException {
        try (Stream<Path> dirs = Files.list(CASES)) {
            return dirs.filter(d -> Files.exists(d.resolve("edits.txt")))
                    .map(d -> d.getFileName().toString()).sorted().toList().stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void editsGiveTheExpectedFile(String name) throws IOException {
        Path dir = CASES.resolve(name);
        String fileName = Files.exists(dir.resolve("config.txt")) ? "config.txt" : "cmdline.txt";
        byte[] input = Files.readAllBytes(dir.resolve(fileName));
        List<String> edits = Files.readAllLines(dir.resolve("edits.txt"));

        Path errorFile = dir.resolve("error.txt");
        if (Files.exists(errorFile)) {
            String expected = Files.readString(errorFile).strip();
            try {
                run(fileName, input, edits);
                throw new AssertionError("expected the error: " + expected);
            } catch (BootFileException e) {
                assertThat(e.getMessage()).isEqualTo(expected);
            }
            return;
        }

        assertThat(roundTrip(fileName, input)).as("an unedited parse renders the input").isEqualTo(input);
        Result first = run(fileName, input, edits);
        assertThat(new String(first.bytes(), StandardCharsets.ISO_8859_1))
                .isEqualTo(Files.readString(dir.resolve("expected.txt"), StandardCharsets.ISO_8859_1));
        assertThat(first.bytes()).isEqualTo(Files.readAllBytes(dir.resolve("expected.txt")));
        assertThat(first.changes()).isEqualTo(readLines(dir.resolve("changes.txt")));

        Result second = run(fileName, first.bytes(), edits);
        assertThat(second.bytes()).as("a second run changes nothing").isEqualTo(first.bytes());
    }

    record Result(byte[] bytes, List<String> changes) {
    }

    static byte[] roundTrip(String fileName, byte[] input) throws BootFileException {
        return fileName.equals("config.txt") ? ConfigTxt.parse(input, fileName).render()
                : CmdlineTxt.parse(input, fileName).render();
    }

    static Result run(String fileName, byte[] input, List<String> edits) throws BootFileException {
        List<String> changes = new ArrayList<>();
        String model = null;
        String serial = null;
        if (fileName.equals("config.txt")) {
            ConfigTxt config = ConfigTxt.parse(input, fileName);
            for (String edit : edits) {
                String[] w = edit.split(" ");
                PiBoard board = PiBoard.of(model, serial);
                switch (w[0]) {
                    case "board" -> model = edit.substring(6);
                    case "serial" -> serial = w[1];
                    case "overlay" -> {
                        if (config.overlays(board, ConfigTxt.overlayName(w[2])).isEmpty()) {
                            changes.add(config.add(w[1], "dtoverlay", w[2]));
                        }
                    }
                    case "ensure" -> changes.addAll(config.ensure(board, w[1], w[2], w[3]));
                    case "flag" -> {
                        boolean on = w[3].equals("on");
                        for (ConfigTxt.Overlay o : config.overlays(board, w[1])) {
                            if (o.flag(w[2]) != on) {
                                changes.add(config.setOverlayFlag(o, w[2], on));
                            }
                        }
                    }
                    case "overlays" -> {
                        List<ConfigTxt.Overlay> found = config.overlays(board, w[1]);
                        changes.add("overlays " + w[1] + ": " + (found.isEmpty() ? "none"
                                : found.stream().map(o -> "line " + o.setting().line()).toList()));
                    }
                    default -> throw new IllegalArgumentException("unknown edit: " + edit);
                }
            }
            return new Result(config.render(), changes);
        }
        CmdlineTxt cmdline = CmdlineTxt.parse(input, fileName);
        for (String edit : edits) {
            String[] w = edit.split(" ", 2);
            switch (w[0]) {
                case "remove" -> changes.addAll(cmdline.remove(Pattern.compile(w[1]).asMatchPredicate()));
                case "add" -> {
                    if (!cmdline.arguments().contains(w[1])) {
                        changes.add(cmdline.add(w[1]));
                    }
                }
                default -> throw new IllegalArgumentException("unknown edit: " + edit);
            }
        }
        return new Result(cmdline.render(), changes);
    }

    static List<String> readLines(Path file) throws IOException {
        return Files.exists(file) ? Files.readAllLines(file) : List.of();
    }
}
