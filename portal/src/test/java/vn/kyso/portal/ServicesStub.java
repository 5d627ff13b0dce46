package vn.kyso.portal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Stands in for account-, activation- and signing-service on one port for the portal's own tests: token answers for
 * sign-in and step 1, and an echo of what a relayed call carried (method, path, query, Authorization, body). The real
 * services meet the portal in the browser journey.
 */
public class ServicesStub implements QuarkusTestResourceLifecycleManager {

    static final String IDENTIFIER = "001099012345";
    static final String PASSWORD = "Mat-Khau-Dung-1!";
    /** Shaped as account-service's tokens (the portal reads the groups claim): a subscriber's, and an operator's. */
    static final String LOGIN_TOKEN = token("subscriber");
    static final String OPERATOR_TOKEN = token("operator");
    static final String OPERATOR = "operator";
    static final String ACTIVATION_TOKEN = "activation.token.for-tests";
    static final AtomicInteger LOGIN_CALLS = new AtomicInteger();
    /** A second subscriber whose session the logout test ends (so the shared token stays usable for the others). */
    static final String LEAVER = "001099054321";
    static final String LEAVER_TOKEN = token("subscriber") + "-leaver";
    /** Tokens whose session account-service was asked to end. */
    static final java.util.Set<String> ENDED = java.util.concurrent.ConcurrentHashMap.newKeySet();

    private HttpServer server;

    private static String token(String group) {
        java.util.Base64.Encoder b64 = java.util.Base64.getUrlEncoder().withoutPadding();
        return b64.encodeToString("{\"alg\":\"RS256\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8)) + "."
                + b64.encodeToString(("{\"sub\":\"" + group + "-1\",\"groups\":[\"" + group + "\"]}")
                        .getBytes(java.nio.charset.StandardCharsets.UTF_8)) + ".c2lnbmF0dXJl";
    }

    @Override
    public Map<String, String> start() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/api/v1/auth/token", exchange -> {
            LOGIN_CALLS.incrementAndGet();
            String body = read(exchange);
            if (body.contains("\"username\":\"" + IDENTIFIER + "\"") && body.contains("\"password\":\"" + PASSWORD + "\"")) {
                send(exchange, 200, "application/json", "{\"access_token\":\"" + LOGIN_TOKEN + "\",\"token_type\":"
                        + "\"Bearer\",\"expires_in\":900,\"refresh_token\":\"refresh.secret\",\"refresh_expires_in\":3600}");
            } else if (body.contains("\"username\":\"" + LEAVER + "\"") && body.contains("\"password\":\"" + PASSWORD + "\"")) {
                send(exchange, 200, "application/json", "{\"access_token\":\"" + LEAVER_TOKEN + "\",\"token_type\":"
                        + "\"Bearer\",\"expires_in\":900}");
            } else if (body.contains("\"username\":\"" + OPERATOR + "\"") && body.contains("\"password\":\"" + PASSWORD + "\"")) {
                send(exchange, 200, "application/json", "{\"access_token\":\"" + OPERATOR_TOKEN + "\",\"token_type\":"
                        + "\"Bearer\",\"expires_in\":900}");
            } else {
                send(exchange, 401, "application/problem+json", "{\"title\":\"Wrong identifier or password\","
                        + "\"status\":401,\"code\":\"INVALID_CREDENTIALS\"}");
            }
        });
        server.createContext("/api/v1/auth/logout", exchange -> {
            read(exchange);
            String auth = exchange.getRequestHeaders().getFirst("Authorization");
            // Only the leaver's session ends: the shared test token stays usable whatever order tests run in.
            if (("Bearer " + LEAVER_TOKEN).equals(auth)) {
                ENDED.add(LEAVER_TOKEN);
            }
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        server.createContext("/api/v1/auth/session", exchange -> {
            read(exchange);
            String auth = exchange.getRequestHeaders().getFirst("Authorization");
            if (auth == null || ENDED.contains(auth.substring("Bearer ".length()))) {
                send(exchange, 401, "application/problem+json", "{\"status\":401,\"code\":\"SESSION_ENDED\"}");
            } else {
                exchange.sendResponseHeaders(204, -1);
                exchange.close();
            }
        });
        server.createContext("/api/v1/activation/verify", exchange -> {
            read(exchange);
            send(exchange, 200, "application/json", "{\"activationId\":\"a1\",\"step\":\"PIN\",\"access_token\":\""
                    + ACTIVATION_TOKEN + "\",\"token_type\":\"Bearer\",\"expires_in\":600}");
        });
        server.createContext("/api/v1/transactions/t1/document", exchange -> {
            exchange.getResponseHeaders().add("Content-Disposition", "inline; filename=\"hop-dong.pdf\"");
            send(exchange, 200, "application/pdf", "%PDF-1.7 stub");
        });
        server.createContext("/api/v1/transactions/events", exchange -> {
            String auth = exchange.getRequestHeaders().getFirst("Authorization");
            if (!("Bearer " + LOGIN_TOKEN).equals(auth)) {
                send(exchange, 401, "application/problem+json", "{\"status\":401}");
                return;
            }
            exchange.getResponseHeaders().add("Content-Type", "text/event-stream");
            exchange.sendResponseHeaders(200, 0);
            for (String change : new String[] {"REQUESTED", "SIGNED"}) {
                exchange.getResponseBody().write(("data:{\"change\":\"" + change + "\",\"transactionId\":\"t1\"}\n\n")
                        .getBytes(StandardCharsets.UTF_8));
                exchange.getResponseBody().flush();
            }
            exchange.close();
        });
        server.createContext("/", exchange -> {
            String body = read(exchange);
            String auth = exchange.getRequestHeaders().getFirst("Authorization");
            String query = exchange.getRequestURI().getRawQuery();
            send(exchange, 200, "application/json", "{\"method\":\"" + exchange.getRequestMethod() + "\",\"path\":\""
                    + exchange.getRequestURI().getRawPath() + "\",\"query\":" + (query == null ? "null" : "\"" + query
                    + "\"") + ",\"authorization\":" + (auth == null ? "null" : "\"" + auth + "\"") + ",\"body\":"
                    + (body.isEmpty() ? "null" : body) + "}");
        });
        server.start();
        String url = "http://127.0.0.1:" + server.getAddress().getPort();
        return Map.of("kyso.portal.account-url", url, "kyso.portal.activation-url", url, "kyso.portal.signing-url",
                url, "kyso.portal.notification-url", url);
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    private static String read(HttpExchange exchange) throws IOException {
        return new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    }

    private static void send(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", type);
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }
}
