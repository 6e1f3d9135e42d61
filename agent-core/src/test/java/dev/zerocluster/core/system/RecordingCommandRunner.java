package dev.zerocluster.core.system;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * A {@link CommandRunner} for tests: records every argument list it is asked to run and answers
 * from a function (by default: success with no output), so a test can say what a command prints
 * and check what was asked.
 */
public final class RecordingCommandRunner implements CommandRunner {
    private final List<List<String>> calls = new ArrayList<>();
    private Function<List<String>, Result> answers = argv -> new Result(0, "", "", false);

    public synchronized RecordingCommandRunner answering(Function<List<String>, Result> answers) {
        this.answers = answers;
        return this;
    }

    @Override
    public synchronized Result run(List<String> argv, Duration timeout) {
        calls.add(List.copyOf(argv));
        return answers.apply(argv);
    }

    public synchronized List<List<String>> calls() {
        return List.copyOf(calls);
    }

    /** The calls as command lines, for readable assertions. */
    public synchronized List<String> commandLines() {
        return calls.stream().map(c -> String.join(" ", c)).toList();
    }

    public static Result ok(String stdout) {
        return new Result(0, stdout, "", false);
    }

    public static Result failed(int code, String stderr) {
        return new Result(code, "", stderr, false);
    }
}
