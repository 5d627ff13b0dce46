package vn.kyso.notification;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Stands in for account-service's token endpoint and activation-service's acceptance-record endpoint, for this
 * module's tests only; the real cross-service path runs in {@code ./kyso smoke}.
 */
public class ServicesStub implements QuarkusTestResourceLifecycleManager {

    static final String SECRET = "stub-notification-secret-0123456789";
    private static final String TOKEN = "stub-notification-token";
    /** Signed records by account id. */
    static final Map<String, byte[]> RECORDS = new ConcurrentHashMap<>();
    /** How many record requests fail (503) before the stub answers again. */
    static final AtomicInteger FAILURES = new AtomicInteger();

    private HttpServer server;

    @Override
    public Map<String, String> start() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/api/v1/auth/service-token", ex -> {
            String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            if (body.contains("\"clientId\":\"notification-service\"") && body.contains("\"" + SECRET + "\"")) {
                reply(ex, 200, "application/json", ("{\"access_token\":\"" + TOKEN
                        + "\",\"token_type\":\"Bearer\",\"expires_in\":300}").getBytes(StandardCharsets.UTF_8));
            } else {
                reply(ex, 401, "application/json", "{}".getBytes(StandardCharsets.UTF_8));
            }
        });
        server.createContext("/internal/v1/activations/", ex -> {
            if (!("Bearer " + TOKEN).equals(ex.getRequestHeaders().getFirst("Authorization"))) {
                reply(ex, 401, "application/json", "{}".getBytes(StandardCharsets.UTF_8));
                return;
            }
            if (FAILURES.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                reply(ex, 503, "application/json", "{}".getBytes(StandardCharsets.UTF_8));
                return;
            }
            byte[] pdf = RECORDS.get(ex.getRequestURI().getPath().split("/")[4]);
            if (pdf == null) {
                reply(ex, 404, "application/problem+json", "{}".getBytes(StandardCharsets.UTF_8));
                return;
            }
            reply(ex, 200, "application/pdf", pdf);
        });
        server.start();
        String url = "http://127.0.0.1:" + server.getAddress().getPort();
        return Map.of("quarkus.rest-client.account-service.url", url,
                "quarkus.rest-client.activation-service.url", url,
                "kyso.notification.service-client.secret", SECRET);
    }

    private static void reply(HttpExchange ex, int status, String type, byte[] body) throws IOException {
        ex.getResponseHeaders().set("Content-Type", type);
        ex.sendResponseHeaders(status, body.length);
        ex.getResponseBody().write(body);
        ex.close();
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop(0);
        }
    }
}
