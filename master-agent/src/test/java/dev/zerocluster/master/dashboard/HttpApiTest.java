package dev.zerocluster.master.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.zerocluster.core.model.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class HttpApiTest {
    final HttpClient client = HttpClient.newHttpClient();

    private HttpResponse<String> send(HttpRequest.Builder b) throws Exception {
        return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void getServesJsonPostRunsActionsAndTheRestIsRefused() throws Exception {
        AtomicInteger resets = new AtomicInteger();
        Map<String, Supplier<Object>> routes = Map.of("/api/things", () -> List.of(Map.of("id", "a")));
        try (HttpApi api = new HttpApi(new HttpConfig(0, "127.0.0.1"), routes,
                Map.of("/api/reset", resets::incrementAndGet))) {
            api.start();
            String base = "http://127.0.0.1:" + api.port();

            HttpResponse<String> ok = send(HttpRequest.newBuilder(URI.create(base + "/api/things")));
            assertThat(ok.statusCode()).isEqualTo(200);
            assertThat(ok.headers().firstValue("Content-Type")).contains("application/json; charset=utf-8");
            JsonNode body = Json.mapper().readTree(ok.body());
            assertThat(body.get(0).get("id").asText()).isEqualTo("a");

            assertThat(send(HttpRequest.newBuilder(URI.create(base + "/nope"))).statusCode()).isEqualTo(404);
            assertThat(send(HttpRequest.newBuilder(URI.create(base + "/api/things"))
                    .DELETE()).statusCode()).isEqualTo(405);
            assertThat(send(HttpRequest.newBuilder(URI.create(base + "/api/reset"))).statusCode()).isEqualTo(405);
            assertThat(send(HttpRequest.newBuilder(URI.create(base + "/api/reset"))
                    .POST(HttpRequest.BodyPublishers.noBody())).statusCode()).isEqualTo(204);
            assertThat(resets.get()).isEqualTo(1);
        }
    }
}
