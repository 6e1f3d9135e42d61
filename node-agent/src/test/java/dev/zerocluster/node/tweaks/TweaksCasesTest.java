package dev.zerocluster.node.tweaks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zerocluster.node.cli.ZcNode;
import dev.zerocluster.node.setup.FakeTree;
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
 * Each folder under {@code src/test/resources/tweaks/} is a board ({@link FakeTree}), its
 * {@code node.yaml}, and {@code zc-node tweaks} actions run one after the other
 * ({@code steps.txt}). The transcript (each command, its output and exit code; the temporary root
 * written {@code <root>}, the state directory {@code <state>}) must equal
 * {@code expected-output.txt}, and the tree must have changed exactly as {@code expected/} says:
 * config.txt for HDMI under KMS, the fake tvservice's record of its calls under the legacy driver.
 */
class TweaksCasesTest {
    static final Path CASES = Path.of("src/test/resources/tweaks");

    @TempDir
    Path tmp;

    static Stream<String> cases() throws IOException {
        try (Stream<Path> dirs = Files.list(CASES)) {
            return dirs.filter(d -> Files.exists(d.resolve("steps.txt"))).map(d -> d.getFileName().toString())
                    .sorted().toList().stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void stepsGiveTheExpectedTranscriptAndTree(String name) throws IOException {
        Path caseDir = CASES.resolve(name);
        Path root = FakeTree.build(caseDir, tmp.resolve("root"));
        Path state = tmp.resolve("state");
        Map<String, String> before = FakeTree.snapshot(root);

        StringBuilder transcript = new StringBuilder();
        for (String step : Files.readAllLines(caseDir.resolve("steps.txt"))) {
            transcript.append(run(caseDir, root, state, step));
        }
        assertThat(transcript.toString()).isEqualTo(Files.readString(caseDir.resolve("expected-output.txt")));
        FakeTree.assertChangedAsExpected(caseDir, root, before, FakeTree.snapshot(root));
    }

    static String run(Path caseDir, Path root, Path state, String action) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = ZcNode.run(new PrintWriter(out), new PrintWriter(err), "tweaks", action,
                "--config", caseDir.resolve("node.yaml").toString(),
                "--set", "system.root=" + root, "--set", "state.dir=" + state);
        String text = "$ zc-node tweaks " + action + "\n" + out + err + "(exit " + code + ")\n";
        return text.replace(root.toString(), "<root>").replace(state.toString(), "<state>");
    }
}
