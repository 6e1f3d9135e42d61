package dev.zerocluster.core.bootfiles;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Power cuts, approximated by SIGKILL: a child JVM ({@link BootFileEditLoop}) edits config.txt in
 * a loop and is killed at a random moment, 200 times. After every kill config.txt must be byte for
 * byte the old or the new version (never empty, truncated or a mix), and so must its backup. A
 * kill cannot lose what the kernel already has, so this checks the write order (temporary file,
 * fsync, rename) rather than the disk's own behaviour on power loss, which the fsyncs address.
 */
class BootFileCrashTest {
    static final int KILLS = 200;
    /**
     * Upper bound of the random time the child runs after saying it is ready, unless its edits are
     * slow: then it is {@link #EDITS_PER_RUN} of its slowest edits while warming up, so that a slow
     * machine still sees kills between edits, after one or after the other.
     */
    static final long MAX_RUN_NANOS = TimeUnit.MILLISECONDS.toNanos(25);
    static final int EDITS_PER_RUN = 5;

    @TempDir
    Path dir;

    @Test
    @Timeout(value = 300, unit = TimeUnit.SECONDS)
    void aKilledEditLeavesTheOldOrTheNewFile() throws Exception {
        byte[] stock = Files.readAllBytes(Path.of("src/test/resources/bootfiles/config-bookworm/config.txt"));
        ConfigTxt withSection = ConfigTxt.parse(stock, "config.txt");
        withSection.add("pi0", "gpu_mem", "16");
        byte[] a = withSection.render();
        byte[] b = BootFileEditLoop.toggle(a);
        assertThat(BootFileEditLoop.toggle(b)).as("the loop alternates between two versions").isEqualTo(a);

        Path file = dir.resolve("config.txt");
        Files.write(file, a);
        Path backup = FileUpdate.backupOf(file);
        Random random = new Random();
        int seenA = 0;
        int seenB = 0;
        for (int kill = 1; kill <= KILLS; kill++) {
            Process child = start(file);
            try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(),
                    StandardCharsets.UTF_8))) {
                String ready = out.readLine();
                assertThat(ready).as("child %d started: %s", kill, childErrors()).startsWith("ready ");
                long runNanos = Math.max(MAX_RUN_NANOS, EDITS_PER_RUN * Long.parseLong(ready.substring(6)));
                LockSupport.parkNanos((long) (random.nextDouble() * runNanos));
                // A child that stopped by itself was not killed: what it said says why.
                assertThat(child.isAlive()).as("child %d still editing when killed: %s", kill, childErrors())
                        .isTrue();
                child.destroyForcibly();
                assertThat(child.waitFor(10, TimeUnit.SECONDS)).isTrue();
            }
            byte[] now = Files.readAllBytes(file);
            boolean isA = Arrays.equals(now, a);
            boolean isB = Arrays.equals(now, b);
            assertThat(isA || isB).as("config.txt after kill %d is the old or the new version, was:%n%s", kill,
                    new String(now, StandardCharsets.ISO_8859_1)).isTrue();
            if (Files.exists(backup)) {
                byte[] saved = Files.readAllBytes(backup);
                assertThat(Arrays.equals(saved, a) || Arrays.equals(saved, b))
                        .as("backup after kill %d", kill).isTrue();
            }
            seenA += isA ? 1 : 0;
            seenB += isB ? 1 : 0;
        }
        long interrupted;
        try (var files = Files.list(dir)) {
            // A temporary file left behind is a kill that landed inside a write, before its rename.
            interrupted = files.filter(f -> f.getFileName().toString().endsWith(".tmp")).count();
        }
        System.out.printf("%d kills: %d left the version without dwc2, %d the one with it; %d inside a write%n",
                KILLS, seenA, seenB, interrupted);
        assertThat(seenA).isPositive();
        assertThat(seenB).isPositive();
        assertThat(interrupted).as("kills that landed inside a write").isPositive();
    }

    private String childErrors() throws IOException {
        Path errors = dir.resolve("child.err");
        return Files.exists(errors) ? "its stderr: " + Files.readString(errors) : "no stderr";
    }

    private Process start(Path file) throws IOException {
        List<String> argv = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xshare:auto",
                "-cp", System.getProperty("java.class.path"), BootFileEditLoop.class.getName(), file.toString());
        return new ProcessBuilder(argv).redirectError(ProcessBuilder.Redirect.appendTo(dir.resolve("child.err").toFile()))
                .start();
    }
}
