package dev.zerocluster.core.system;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** {@link CommandRunner} on {@link ProcessBuilder}. */
public final class ProcessCommandRunner implements CommandRunner {
    /** A program's output is read into memory; more than this is cut (no tool we run prints as much). */
    private static final int MAX_OUTPUT_BYTES = 4 << 20;

    @Override
    public Result run(List<String> argv, Duration timeout) throws IOException {
        if (argv.isEmpty()) {
            throw new IllegalArgumentException("empty command");
        }
        Process process = new ProcessBuilder(argv).redirectInput(ProcessBuilder.Redirect.PIPE).start();
        process.getOutputStream().close();
        // Both pipes are drained while the program runs, so a chatty one cannot block on a full pipe.
        CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> drain(process.getInputStream()));
        CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> drain(process.getErrorStream()));
        boolean finished;
        try {
            finished = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while running " + argv.get(0), e);
        }
        if (!finished) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
        String stdout = collect(out);
        String stderr = collect(err);
        return new Result(finished ? process.exitValue() : -1, stdout, stderr, !finished);
    }

    private static String drain(InputStream in) {
        try (in) {
            byte[] bytes = in.readNBytes(MAX_OUTPUT_BYTES);
            in.transferTo(java.io.OutputStream.nullOutputStream());
            return new String(bytes, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    private static String collect(CompletableFuture<String> future) {
        try {
            return future.get(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        } catch (ExecutionException | TimeoutException e) {
            // A grandchild that inherited the pipe may hold it open; the output so far is lost.
            return "";
        }
    }
}
