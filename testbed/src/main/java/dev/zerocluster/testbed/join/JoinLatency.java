package dev.zerocluster.testbed.join;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * Join latency on the namespace testbed: a node's link is plugged in N times, and each join is
 * split into the phases a user waits through, measured from the moment the link exists:
 * <ol>
 * <li><b>detection</b>: the master made the link a port of its bridge ({@code master zc0});</li>
 * <li><b>DHCP</b>: the node's usb0 has its address;</li>
 * <li><b>MQTT birth</b>: the node is {@code online} in {@code /api/nodes};</li>
 * <li><b>file write</b>: the node is in the machinefile.</li>
 * </ol>
 * Each phase is polled in turn every millisecond or so (an {@code ip} call takes a few), so the
 * figures carry that much resolution. Run as root from the repository root:
 * {@code java -cp testbed/target/zc-loadgen.jar dev.zerocluster.testbed.join.JoinLatency [cycles]}.
 */
public final class JoinLatency {
    private static final Path SCRIPT = Path.of("testbed/zc-testbed");
    private static final String PREFIX = "zcjl";
    private static final Duration PHASE_LIMIT = Duration.ofSeconds(15);

    private final Path dir;
    private final int httpPort;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

    private JoinLatency(Path dir, int httpPort) {
        this.dir = dir;
        this.httpPort = httpPort;
    }

    public static void main(String[] args) throws Exception {
        int cycles = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        if (!"root".equals(System.getProperty("user.name"))) {
            System.err.println("JoinLatency makes network namespaces: run it as root");
            System.exit(1);
        }
        Path dir = Files.createTempDirectory("zc-join-latency");
        JoinLatency bench = new JoinLatency(dir, 18080);
        try {
            bench.run(cycles);
        } finally {
            bench.script("down");
        }
    }

    private void run(int cycles) throws Exception {
        script("down");
        check(script("up", "--nodes", "1"), "up");
        String id = info().get("NODE_1").split(" ")[0];
        Map<String, List<Long>> phases = new LinkedHashMap<>();
        for (String p : List.of("detection", "dhcp", "birth", "file", "total")) {
            phases.put(p, new ArrayList<>());
        }
        for (int c = 0; c < cycles; c++) {
            check(script("plug", "1"), "plug");
            // The link exists once plug's ip link add returned; plug's own time is part of the total.
            long t0 = System.nanoTime();
            long detected = waitFor(() -> commandOutput("ip", "-n", PREFIX + "-master", "-o", "link", "show", "dev",
                    "usb0").contains(" master zc0 "), t0);
            long leased = waitFor(() -> commandOutput("ip", "-n", PREFIX + "-n1", "-4", "-o", "addr", "show", "dev",
                    "usb0").contains(" inet "), t0);
            long born = waitFor(() -> apiNodes().contains("\"id\":\"" + id + "\",\"state\":\"online\""), t0);
            long written = waitFor(() -> read(dir.resolve("tb/master/machinefile")).contains(id + ":"), t0);
            phases.get("detection").add(detected);
            phases.get("dhcp").add(leased - detected);
            phases.get("birth").add(born - leased);
            phases.get("file").add(written - born);
            phases.get("total").add(written);
            System.out.printf("cycle %2d: detection %6.1f ms, DHCP %6.1f ms, birth %6.1f ms, file %5.1f ms, total %6.1f ms%n",
                    c + 1, ms(detected), ms(leased - detected), ms(born - leased), ms(written - born), ms(written));
            check(script("unplug", "1"), "unplug");
            waitFor(() -> !read(dir.resolve("tb/master/machinefile")).contains(id + ":"), System.nanoTime());
            Thread.sleep(300);
        }
        System.out.println();
        System.out.printf("%-10s %10s %10s %10s%n", "phase", "p50 ms", "p99 ms", "max ms");
        for (Map.Entry<String, List<Long>> e : phases.entrySet()) {
            long[] v = e.getValue().stream().mapToLong(Long::longValue).sorted().toArray();
            System.out.printf("%-10s %10.1f %10.1f %10.1f%n", e.getKey(), ms(pct(v, 0.50)), ms(pct(v, 0.99)),
                    ms(v[v.length - 1]));
        }
    }

    /** Nearest-rank percentile. */
    private static long pct(long[] sorted, double p) {
        int rank = (int) Math.ceil(p * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    private static double ms(long nanos) {
        return nanos / 1e6;
    }

    /** Nanoseconds from {@code t0} until {@code condition} holds. */
    private static long waitFor(BooleanSupplier condition, long t0) {
        long deadline = System.nanoTime() + PHASE_LIMIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("a join phase took longer than " + PHASE_LIMIT);
            }
            Thread.onSpinWait();
        }
        return System.nanoTime() - t0;
    }

    private String apiNodes() {
        try {
            return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + "/api/nodes"))
                    .timeout(Duration.ofSeconds(1)).build(), HttpResponse.BodyHandlers.ofString()).body()
                    .replace(" ", "");
        } catch (IOException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file) : "";
        } catch (IOException e) {
            return "";
        }
    }

    private Map<String, String> info() {
        Map<String, String> out = new LinkedHashMap<>();
        for (String line : script("info").split("\n")) {
            int eq = line.indexOf('=');
            if (eq > 0) {
                out.put(line.substring(0, eq), line.substring(eq + 1));
            }
        }
        return out;
    }

    private static void check(String out, String what) {
        if (out.startsWith("FAILED")) {
            throw new IllegalStateException("zc-testbed " + what + " failed: " + out);
        }
    }

    private String script(String... args) {
        List<String> argv = new ArrayList<>(List.of(SCRIPT.toString(), "--prefix", PREFIX, "--dir",
                dir.resolve("tb").toString()));
        argv.addAll(Arrays.asList(args));
        ProcessBuilder pb = new ProcessBuilder(argv).redirectErrorStream(true);
        pb.environment().put("ZC_TESTBED_HTTP_PORT", Integer.toString(httpPort));
        return run(pb, 120);
    }

    private static String commandOutput(String... argv) {
        return run(new ProcessBuilder(argv).redirectErrorStream(true), 5);
    }

    private static String run(ProcessBuilder pb, int timeoutSeconds) {
        try {
            Process p = pb.start();
            p.getOutputStream().close();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return "FAILED: timed out";
            }
            String text = new String(out, StandardCharsets.UTF_8);
            return p.exitValue() == 0 ? text : "FAILED (" + p.exitValue() + "): " + text;
        } catch (IOException e) {
            return "FAILED: " + e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "FAILED: interrupted";
        }
    }
}
