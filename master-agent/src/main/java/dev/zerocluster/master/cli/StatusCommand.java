package dev.zerocluster.master.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.zerocluster.core.cli.CommandFailedException;
import dev.zerocluster.core.model.Json;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "status", mixinStandardHelpOptions = true,
        description = "Show the cluster as the running master sees it.")
final class StatusCommand implements Callable<Integer> {
    private static final Duration TIMEOUT = Duration.ofSeconds(3);

    @Option(names = "--json", description = "Print the master's JSON (GET /api/nodes) instead of a table.")
    boolean json;

    @Option(names = "--url", paramLabel = "URL", description = "The master's HTTP address (default ${DEFAULT-VALUE}).")
    String url = "http://127.0.0.1:8080";

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        URI base;
        try {
            base = URI.create(url.endsWith("/") ? url : url + "/");
            if (!"http".equals(base.getScheme()) || base.getHost() == null) {
                throw new IllegalArgumentException();
            }
        } catch (IllegalArgumentException e) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "--url must be an http://host:port address, got '" + url + "'");
        }
        String body;
        try {
            HttpClient client = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
            HttpResponse<String> response = client.send(HttpRequest.newBuilder(base.resolve("api/nodes"))
                    .timeout(TIMEOUT).GET().build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new CommandFailedException("the master at " + url + " answered HTTP " + response.statusCode());
            }
            body = response.body();
        } catch (IOException e) {
            throw new CommandFailedException("no master answers at " + url + " (" + describe(e) + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CommandFailedException("interrupted");
        }
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(body);
        } else {
            try {
                out.print(table(Json.mapper().readTree(body), Instant.now()));
            } catch (IOException e) {
                throw new CommandFailedException("the master at " + url + " sent something that is not JSON");
            }
        }
        out.flush();
        return 0;
    }

    private static String describe(IOException e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    /** One row per node: id, state, link, address, temperature, under-voltage, load, last seen. */
    static String table(JsonNode nodes, Instant now) {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"ID", "STATE", "LINK", "ADDRESS", "TEMP", "UNDERVOLT", "LOAD", "LAST SEEN"});
        for (JsonNode n : nodes) {
            JsonNode h = n.path("health");
            rows.add(new String[] {
                text(n.get("id")), text(n.get("state")), text(n.get("link")), text(n.get("address")),
                h.path("cpuTempC").isNumber() ? String.format(Locale.ROOT, "%.1f°C", h.get("cpuTempC").asDouble()) : "-",
                h.path("throttled").path("underVoltage").isBoolean()
                        ? (h.get("throttled").get("underVoltage").asBoolean() ? "YES" : "no")
                        + (h.path("throttled").path("underVoltageOccurred").asBoolean() ? " (seen)" : "") : "-",
                h.path("load1").isNumber() ? String.format(Locale.ROOT, "%.2f", h.get("load1").asDouble()) : "-",
                ago(n.get("lastSeen"), now)});
        }
        int[] width = new int[rows.get(0).length];
        for (String[] r : rows) {
            for (int i = 0; i < r.length; i++) {
                width[i] = Math.max(width[i], r[i].length());
            }
        }
        StringBuilder sb = new StringBuilder();
        for (String[] r : rows) {
            for (int i = 0; i < r.length; i++) {
                sb.append(i == r.length - 1 ? r[i] : String.format("%-" + (width[i] + 2) + "s", r[i]));
            }
            sb.append('\n');
        }
        if (rows.size() == 1) {
            sb.append("(no nodes yet: plug a Pi Zero in)\n");
        }
        return sb.toString();
    }

    private static String text(JsonNode n) {
        return n == null || n.isNull() ? "-" : n.asText();
    }

    private static String ago(JsonNode ts, Instant now) {
        if (ts == null || ts.isNull()) {
            return "never";
        }
        try {
            long s = Math.max(0, Duration.between(Instant.parse(ts.asText()), now).toSeconds());
            return s < 120 ? s + "s ago" : s < 7200 ? s / 60 + "m ago" : s / 3600 + "h ago";
        } catch (java.time.format.DateTimeParseException e) {
            return ts.asText();
        }
    }
}
