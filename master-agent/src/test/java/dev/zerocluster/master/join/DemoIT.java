package dev.zerocluster.master.join;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zerocluster.master.daemon.ClusterFixture;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code zc-testbed demo}, the README's first command: three Zeros join, and Ctrl-C leaves nothing behind. */
class DemoIT {
    @TempDir
    Path dir;

    @Test
    void theDemoShowsThreeZerosJoiningAndCleansUpOnCtrlC() throws Exception {
        if (!"root".equals(System.getProperty("user.name"))) {
            throw new IllegalStateException("the demo makes network namespaces and needs root");
        }
        String prefix = "zcd" + (ProcessHandle.current().pid() % 1000);
        int port = ClusterFixture.freePort();
        ProcessBuilder pb = new ProcessBuilder(List.of(Testbed.SCRIPT.toString(), "--prefix", prefix, "--dir",
                dir.resolve("tb").toString(), "demo", "--nodes", "3")).redirectErrorStream(true);
        pb.environment().put("ZC_TESTBED_HTTP_PORT", Integer.toString(port));
        Process demo = pb.start();
        List<String> lines = new ArrayList<>();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            BufferedReader out = new BufferedReader(new InputStreamReader(demo.getInputStream(), StandardCharsets.UTF_8));
            String line;
            while (System.nanoTime() < deadline && (line = out.readLine()) != null) {
                lines.add(line);
                if (line.startsWith("Press Ctrl-C")) {
                    break;
                }
            }
            String all = String.join("\n", lines);
            assertThat(all).as(all).contains("Press Ctrl-C");
            // zc-master status after each plug: the last table lists three online Zeros.
            long onlineRows = lines.stream().filter(l -> l.matches("zero-[0-9a-f]{8} +online +usb .*")).count();
            assertThat(onlineRows).as(all).isEqualTo(1 + 2 + 3);
            assertThat(all).contains("Dashboard and API: http://127.0.0.1:" + port + "/api/nodes");
            HttpResponse<String> api = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + port + "/api/nodes")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(api.statusCode()).isEqualTo(200);
            assertThat(api.body()).contains("\"state\":\"online\"");
        } finally {
            // Ctrl-C.
            new ProcessBuilder("kill", "-INT", Long.toString(demo.pid())).start().waitFor(5, TimeUnit.SECONDS);
            boolean ended = demo.waitFor(60, TimeUnit.SECONDS);
            if (!ended) {
                demo.destroyForcibly();
                new ProcessBuilder(Testbed.SCRIPT.toString(), "--prefix", prefix, "--dir", dir.resolve("tb").toString(),
                        "down").start().waitFor(60, TimeUnit.SECONDS);
            }
            assertThat(ended).as("the demo ends on Ctrl-C").isTrue();
        }
        Process list = new ProcessBuilder("ip", "netns", "list").redirectErrorStream(true).start();
        String namespaces = new String(list.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        list.waitFor(5, TimeUnit.SECONDS);
        assertThat(namespaces).doesNotContain(prefix + "-");
        assertThat(ProcessHandle.allProcesses().filter(p -> p.info().commandLine().orElse("").contains(dir.toString()))
                .count()).as("no process of the demo is left").isZero();
    }
}
