package dev.zerocluster.core.serial;

import static org.assertj.core.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Two ptys joined by socat, standing in for a serial cable: {@code socat -d -d pty,raw,echo=0
 * pty,raw,echo=0} logs "PTY is /dev/pts/N" for each end on stderr. socat is a test dependency
 * that CI installs; without it the test fails, naming the package.
 */
final class PtyPair implements AutoCloseable {

    private static final Pattern PTY = Pattern.compile("PTY is (/dev/pts/\\d+)");
    private static final long START_LIMIT_SECONDS = 10;

    final String first;
    final String second;
    private final Process socat;

    private PtyPair(Process socat, String first, String second) {
        this.socat = socat;
        this.first = first;
        this.second = second;
    }

    static PtyPair start() throws Exception {
        if (!onPath("socat")) {
            fail("socat is not installed: the serial tests use a socat pty pair as a cable."
                    + " Install the Debian package socat (apt-get install socat); .ci/run installs it.");
        }
        Process socat = new ProcessBuilder("socat", "-d", "-d", "pty,raw,echo=0", "pty,raw,echo=0")
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        CompletableFuture<List<String>> ptys = new CompletableFuture<>();
        Thread drain = new Thread(() -> {
            List<String> found = new ArrayList<>();
            try (BufferedReader err = new BufferedReader(
                    new InputStreamReader(socat.getErrorStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = err.readLine()) != null; ) {
                    Matcher m = PTY.matcher(line);
                    if (m.find()) {
                        found.add(m.group(1));
                        if (found.size() == 2) {
                            ptys.complete(found);
                        }
                    }
                }
                ptys.completeExceptionally(new IOException("socat ended before naming two ptys: " + found));
            } catch (IOException e) {
                ptys.completeExceptionally(e);
            }
        }, "socat stderr");
        drain.setDaemon(true);
        drain.start();
        try {
            List<String> paths = ptys.get(START_LIMIT_SECONDS, TimeUnit.SECONDS);
            return new PtyPair(socat, paths.get(0), paths.get(1));
        } catch (Exception e) {
            stop(socat);
            throw e;
        }
    }

    @Override
    public void close() throws InterruptedException {
        stop(socat);
    }

    private static void stop(Process process) throws InterruptedException {
        process.destroy();
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
    }

    private static boolean onPath(String program) {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String dir : path.split(File.pathSeparator)) {
            Path candidate = Path.of(dir, program);
            if (Files.isExecutable(candidate)) {
                return true;
            }
        }
        return false;
    }
}
