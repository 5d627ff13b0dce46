package vn.kyso.signing;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;

import vn.kyso.testsupport.HttpStubResource;

/**
 * account-service's service token and password check for this module's TH v2 tests: {@code PASSWORDS} holds
 * identifier → password; only signing-service's client secret gets the token the check accepts.
 */
public class AccountLoginStub extends HttpStubResource {

    static final Map<String, String> PASSWORDS = new ConcurrentHashMap<>();
    private static final String SECRET = "stub-signing-secret";
    private static final String TOKEN = "stub-signing-token";

    @Override
    protected void routes(HttpServer server) {
        ObjectMapper json = new ObjectMapper();
        server.createContext("/api/v1/auth/service-token", ex -> {
            var body = json.readTree(ex.getRequestBody().readAllBytes());
            boolean ok = "signing-service".equals(body.path("clientId").asText())
                    && SECRET.equals(body.path("clientSecret").asText());
            if (ok) {
                reply(ex, 200, "application/json", "{\"access_token\":\"" + TOKEN + "\",\"token_type\":\"Bearer\","
                        + "\"expires_in\":300}");
            } else {
                reply(ex, 401, "application/problem+json", "{\"code\":\"INVALID_CLIENT\"}");
            }
        });
        server.createContext("/internal/v1/password-checks", ex -> {
            if (!("Bearer " + TOKEN).equals(ex.getRequestHeaders().getFirst("Authorization"))) {
                reply(ex, 401, "application/problem+json", "{\"code\":\"UNAUTHORIZED\"}");
                return;
            }
            var body = json.readTree(ex.getRequestBody().readAllBytes());
            String expected = PASSWORDS.get(body.path("identifier").asText());
            if (expected != null && expected.equals(body.path("password").asText())) {
                ex.sendResponseHeaders(204, -1);
                ex.close();
            } else {
                reply(ex, 401, "application/problem+json", "{\"code\":\"INVALID_CREDENTIALS\"}");
            }
        });
    }

    @Override
    protected Map<String, String> config(String baseUrl) {
        return Map.of("quarkus.rest-client.account-service.url", baseUrl, "kyso.signing.account-client.secret", SECRET);
    }
}
