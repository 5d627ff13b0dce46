package vn.kyso.signing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/** account-service's login for this module's TH v2 tests: {@code PASSWORDS} holds identifier → password. */
public class AccountLoginStub implements QuarkusTestResourceLifecycleManager {

    static final Map<String, String> PASSWORDS = new ConcurrentHashMap<>();
    private HttpServer server;

    @Override
    public Map<String, String> start() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ObjectMapper json = new ObjectMapper();
        server.createContext("/api/v1/auth/token", ex -> {
            var body = json.readTree(ex.getRequestBody().readAllBytes());
            String expected = PASSWORDS.get(body.path("username").asText());
            boolean ok = expected != null && expected.equals(body.path("password").asText());
            byte[] answer = (ok ? "{\"access_token\":\"x\",\"token_type\":\"Bearer\",\"expires_in\":900}"
                    : "{\"code\":\"INVALID_CREDENTIALS\"}").getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().set("Content-Type", ok ? "application/json" : "application/problem+json");
            ex.sendResponseHeaders(ok ? 200 : 401, answer.length);
            ex.getResponseBody().write(answer);
            ex.close();
        });
        server.start();
        return Map.of("quarkus.rest-client.account-service.url", "http://127.0.0.1:" + server.getAddress().getPort());
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop(0);
        }
    }
}
