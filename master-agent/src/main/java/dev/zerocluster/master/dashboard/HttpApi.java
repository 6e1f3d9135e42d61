package dev.zerocluster.master.dashboard;

import dev.zerocluster.core.system.DaemonThreads;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.zerocluster.core.model.Json;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The master's HTTP side on the JDK's {@code HttpServer}: {@code GET /api/nodes} (SPEC §5) and
 * {@code GET /api/stats} (ingest counters). A bounded pool serves it: with the JDK's default
 * single thread one slow client would block every other request.
 */
public final class HttpApi implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(HttpApi.class);
    private static final int THREADS = 4;

    private final HttpServer server;
    private final ExecutorService pool;

    /**
     * {@code routes} maps a path to what {@code GET} on it returns, serialized as JSON;
     * {@code actions} a path to what {@code POST} on it does (answered with 204).
     */
    public HttpApi(HttpConfig config, Map<String, Supplier<Object>> routes, Map<String, Runnable> actions)
            throws IOException {
        this.server = HttpServer.create(new InetSocketAddress(config.bind(), config.port()), 64);
        this.pool = Executors.newFixedThreadPool(THREADS, DaemonThreads.named("http"));
        server.setExecutor(pool);
        server.createContext("/", exchange -> {
            try (exchange) {
                String path = exchange.getRequestURI().getPath();
                Supplier<Object> route = routes.get(path);
                Runnable action = actions.get(path);
                if (action != null && "POST".equals(exchange.getRequestMethod())) {
                    action.run();
                    exchange.sendResponseHeaders(204, -1);
                } else if (action != null) {
                    exchange.getResponseHeaders().set("Allow", "POST");
                    send(exchange, 405, "text/plain", "only POST\n".getBytes(StandardCharsets.UTF_8));
                } else if (route == null) {
                    send(exchange, 404, "text/plain", ("no such page: " + path + "\n").getBytes(StandardCharsets.UTF_8));
                } else if (!"GET".equals(exchange.getRequestMethod()) && !"HEAD".equals(exchange.getRequestMethod())) {
                    exchange.getResponseHeaders().set("Allow", "GET, HEAD");
                    send(exchange, 405, "text/plain", "only GET\n".getBytes(StandardCharsets.UTF_8));
                } else {
                    send(exchange, 200, "application/json", Json.mapper().writeValueAsBytes(route.get()));
                }
            } catch (IOException | RuntimeException e) {
                LOG.debug("HTTP request failed: {}", e.toString());
            }
        });
    }

    public void start() {
        server.start();
        LOG.info("HTTP on {}", server.getAddress());
    }

    public int port() {
        return server.getAddress().getPort();
    }

    private static void send(HttpExchange exchange, int status, String type, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", type + "; charset=utf-8");
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        boolean head = "HEAD".equals(exchange.getRequestMethod());
        exchange.sendResponseHeaders(status, head ? -1 : body.length);
        if (!head) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
        pool.shutdownNow();
        try {
            pool.awaitTermination(1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
