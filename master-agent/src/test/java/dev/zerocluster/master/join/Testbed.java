package dev.zerocluster.master.join;

import com.fasterxml.jackson.databind.JsonNode;
import dev.zerocluster.core.model.Json;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * {@code testbed/zc-testbed} driven from a test: its own prefix, folder and HTTP port, so tests
 * never meet each other or a user's testbed, and {@link #close()} removes everything even when the
 * test failed. Needs root (network namespaces); without it the constructor fails and says so.
 */
final class Testbed implements AutoCloseable {
    static final Path SCRIPT = Path.of("../testbed/zc-testbed").toAbsolutePath().normalize();
    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(120);

    final String prefix;
    final Path dir;
    final int httpPort;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    record Result(int code, String out) {
    }

    Testbed(String prefix, Path dir, int httpPort) {
        if (!"root".equals(System.getProperty("user.name"))) {
            throw new IllegalStateException("the auto-join tests make network namespaces and need root; run them as"
                    + " root (CI does), e.g. sudo mvn -B verify");
        }
        this.prefix = prefix;
        this.dir = dir;
        this.httpPort = httpPort;
        run("down");
    }

    Result run(String... args) {
        List<String> argv = new ArrayList<>(List.of(SCRIPT.toString(), "--prefix", prefix, "--dir", dir.toString()));
        argv.addAll(List.of(args));
        try {
            ProcessBuilder pb = new ProcessBuilder(argv).redirectErrorStream(true);
            pb.environment().put("ZC_TESTBED_HTTP_PORT", Integer.toString(httpPort));
            Process p = pb.start();
            p.getOutputStream().close();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(COMMAND_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException("zc-testbed " + String.join(" ", args) + " hung");
            }
            return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + SCRIPT + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Runs and insists on success. */
    String ok(String... args) {
        Result r = run(args);
        if (r.code() != 0) {
            throw new AssertionError("zc-testbed " + String.join(" ", args) + " exited " + r.code() + ":\n" + r.out()
                    + "\n--- master log ---\n" + log("master"));
        }
        return r.out();
    }

    Map<String, String> info() {
        Map<String, String> out = new LinkedHashMap<>();
        for (String line : ok("info").split("\n")) {
            int eq = line.indexOf('=');
            if (eq > 0) {
                out.put(line.substring(0, eq), line.substring(eq + 1));
            }
        }
        return out;
    }

    /** The id of node {@code slot}. */
    String nodeId(int slot) {
        return info().get("NODE_" + slot).split(" ")[0];
    }

    Path machinefile() {
        return dir.resolve("master/machinefile");
    }

    Path hostsFile() {
        return dir.resolve("master/hosts");
    }

    String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file) : "";
        } catch (IOException e) {
            return "";
        }
    }

    String log(String name) {
        return read(dir.resolve("logs/" + name + ".log"));
    }

    /** {@code GET /api/nodes} through the forwarded port, or an empty array while the master is away. */
    JsonNode nodes() {
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort
                    + "/api/nodes")).timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
            return Json.mapper().readTree(r.body());
        } catch (IOException e) {
            return Json.mapper().createArrayNode();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Json.mapper().createArrayNode();
        }
    }

    JsonNode node(String id) {
        for (JsonNode n : nodes()) {
            if (id.equals(n.path("id").asText())) {
                return n;
            }
        }
        return null;
    }

    boolean online(String id) {
        JsonNode n = node(id);
        return n != null && "online".equals(n.path("state").asText()) && !n.path("address").isNull();
    }

    @Override
    public void close() {
        run("down");
    }
}
