package dev.zerocluster.node.setup;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zerocluster.node.cli.ZcNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each folder under {@code src/test/resources/setup/} is a board ({@link FakeTree}: {@code base}
 * and {@code root/}) with its {@code node.yaml}, and what {@code zc-node setup} must do to it:
 * {@code expected-output.txt} (its output, the temporary root written {@code <root>}),
 * {@code expected/} (every file it writes, byte for byte), {@code expected-links.txt} (symlinks it
 * makes) and {@code expected-modes.txt} (modes of files it creates); or, for a board it must refuse,
 * {@code expected-error.txt} and a tree left exactly as it was.
 *
 * <p>Every case also runs {@code --dry-run} first (same output, nothing written) and setup a second
 * time (nothing to change, not one byte different).
 */
class SetupCasesTest {
    static final Path CASES = Path.of("src/test/resources/setup");

    @TempDir
    Path tmp;

    static Stream<String> cases() throws IOException {
        try (Stream<Path> dirs = Files.list(CASES)) {
            return dirs.filter(d -> Files.exists(d.resolve("node.yaml"))).map(d -> d.getFileName().toString())
                    .sorted().toList().stream();
        }
    }

    record Outcome(int code, String out, String err) {
    }

    Outcome setup(Path caseDir, Path root, String... extra) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        String[] args = Stream.concat(Stream.of("setup", "--config", caseDir.resolve("node.yaml").toString(),
                "--set", "system.root=" + root), Stream.of(extra)).toArray(String[]::new);
        int code = ZcNode.run(new PrintWriter(out), new PrintWriter(err), args);
        return new Outcome(code, out.toString().replace(root.toString(), "<root>"),
                err.toString().replace(root.toString(), "<root>"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void setupMakesExactlyTheExpectedChanges(String name) throws IOException {
        Path caseDir = CASES.resolve(name);
        Path root = FakeTree.build(caseDir, tmp.resolve("root"));
        Map<String, String> before = FakeTree.snapshot(root);

        if (Files.exists(caseDir.resolve("expected-error.txt"))) {
            Outcome o = setup(caseDir, root);
            assertThat(o.code()).as(o.err()).isEqualTo(1);
            assertThat(o.err()).isEqualTo(Files.readString(caseDir.resolve("expected-error.txt")));
            assertThat(FakeTree.snapshot(root)).as("a refused setup writes nothing").isEqualTo(before);
            return;
        }

        String expectedOutput = Files.readString(caseDir.resolve("expected-output.txt"));
        Outcome dry = setup(caseDir, root, "--dry-run");
        assertThat(dry.code()).as(dry.err()).isZero();
        assertThat(allButLastLine(dry.out())).isEqualTo(allButLastLine(expectedOutput));
        assertThat(lastLine(dry.out())).startsWith("Dry run: nothing was written.");
        assertThat(FakeTree.snapshot(root)).as("--dry-run writes nothing").isEqualTo(before);

        Outcome run = setup(caseDir, root);
        assertThat(run.code()).as(run.err()).isZero();
        assertThat(run.out()).isEqualTo(expectedOutput);
        assertThat(run.err()).isEmpty();
        Map<String, String> after = FakeTree.snapshot(root);
        FakeTree.assertChangedAsExpected(caseDir, root, before, after);

        Outcome again = setup(caseDir, root);
        assertThat(again.code()).as(again.err()).isZero();
        assertThat(again.out()).contains("Nothing to change: this node is set up.");
        assertThat(FakeTree.snapshot(root)).as("a second run changes nothing").isEqualTo(after);
    }

    private static String allButLastLine(String text) {
        String t = text.stripTrailing();
        int nl = t.lastIndexOf('\n');
        return nl < 0 ? "" : t.substring(0, nl);
    }

    private static String lastLine(String text) {
        String t = text.stripTrailing();
        return t.substring(t.lastIndexOf('\n') + 1);
    }
}
