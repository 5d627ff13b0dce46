package vn.kyso.signing;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;

import vn.kyso.testsupport.HttpStubResource;

/** account-service's login for this module's TH v2 tests: {@code PASSWORDS} holds identifier → password. */
public class AccountLoginStub extends HttpStubResource {

    static final Map<String, String> PASSWORDS = new ConcurrentHashMap<>();

    @Override
    protected void routes(HttpServer server) {
        ObjectMapper json = new ObjectMapper();
        server.createContext("/api/v1/auth/token", ex -> {
            var body = json.readTree(ex.getRequestBody().readAllBytes());
            String expected = PASSWORDS.get(body.path("username").asText());
            boolean ok = expected != null && expected.equals(body.path("password").asText());
            if (ok) {
                reply(ex, 200, "application/json", "{\"access_token\":\"x\",\"token_type\":\"Bearer\",\"expires_in\":900}");
            } else {
                reply(ex, 401, "application/problem+json", "{\"code\":\"INVALID_CREDENTIALS\"}");
            }
        });
    }

    @Override
    protected Map<String, String> config(String baseUrl) {
        return Map.of("quarkus.rest-client.account-service.url", baseUrl);
    }
}
