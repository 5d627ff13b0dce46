package vn.kyso.activation;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import vn.kyso.testsupport.HttpStubResource;

/**
 * A stand-in for account-service's two endpoints activation-service calls, for this module's tests only; the real
 * cross-service path runs in {@code ./kyso smoke}. {@code GET /stub/passwords/{accountId}} tells how often a password
 * was set.
 */
public class AccountServiceStub extends HttpStubResource {

    static final String SECRET = "stub-client-secret-0123456789";
    private static final String SERVICE_TOKEN = "stub-service-token";

    private static final com.fasterxml.jackson.databind.ObjectMapper MAPPER =
            new com.fasterxml.jackson.databind.ObjectMapper();

    /** signing-service's side: requests received by their {@code requestRef}. */
    static final Map<String, SigningRequest> SIGNING_REQUESTS = new ConcurrentHashMap<>();
    static final Map<String, String> TRANSACTION_REFS = new ConcurrentHashMap<>();
    /** How many transaction requests signing-service refuses (503) before it answers again. */
    static final AtomicInteger SIGNING_FAILURES = new AtomicInteger();

    /** A signing request as signing-service received it. */
    record SigningRequest(java.util.UUID id, com.fasterxml.jackson.databind.JsonNode body) {

        byte[] document() {
            return java.util.Base64.getDecoder().decode(body.path("items").path(0).path("document").asText());
        }
    }

    /** What the stub hands back as "signed": the original with a marker appended (activation does not sign). */
    static byte[] signedVersion(SigningRequest request) {
        byte[] original = request.document();
        byte[] marker = "\n%signed-by-stub\n".getBytes(StandardCharsets.US_ASCII);
        byte[] out = java.util.Arrays.copyOf(original, original.length + marker.length);
        System.arraycopy(marker, 0, out, original.length, marker.length);
        return out;
    }

    private final Map<String, AtomicInteger> passwordsSet = new ConcurrentHashMap<>();

    @Override
    protected void routes(HttpServer server) {
        server.createContext("/api/v1/auth/service-token", ex -> {
            String body = read(ex);
            if (body.contains("\"clientId\":\"activation-service\"") && body.contains("\"" + SECRET + "\"")) {
                reply(ex, 200, "{\"access_token\":\"" + SERVICE_TOKEN + "\",\"token_type\":\"Bearer\",\"expires_in\":300}");
            } else {
                reply(ex, 401, "{\"code\":\"INVALID_CLIENT\"}");
            }
        });
        server.createContext("/internal/v1/accounts/", ex -> {
            String body = read(ex);
            if (!("Bearer " + SERVICE_TOKEN).equals(ex.getRequestHeaders().getFirst("Authorization"))) {
                reply(ex, 401, "{}");
                return;
            }
            String accountId = ex.getRequestURI().getPath().split("/")[4];
            if (!"PUT".equals(ex.getRequestMethod()) || !body.contains("\"password\"")) {
                reply(ex, 400, "{}");
                return;
            }
            passwordsSet.computeIfAbsent(accountId, k -> new AtomicInteger()).incrementAndGet();
            reply(ex, 200, "{\"access_token\":\"subscriber-token-for-" + accountId
                    + "\",\"token_type\":\"Bearer\",\"expires_in\":900,\"refresh_token\":\"r\",\"refresh_expires_in\":60}");
        });
        server.createContext("/stub/passwords/", ex -> {
            String accountId = ex.getRequestURI().getPath().substring("/stub/passwords/".length());
            reply(ex, 200, String.valueOf(passwordsSet.getOrDefault(accountId, new AtomicInteger()).get()));
        });
        server.createContext("/internal/v1/transactions", ex -> {
            String body = read(ex);
            if (!("Bearer " + SERVICE_TOKEN).equals(ex.getRequestHeaders().getFirst("Authorization"))) {
                reply(ex, 401, "{}");
                return;
            }
            String[] path = ex.getRequestURI().getPath().split("/");
            if ("POST".equals(ex.getRequestMethod()) && path.length == 4) {
                if (SIGNING_FAILURES.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                    reply(ex, 503, "{\"code\":\"UNAVAILABLE\"}");
                    return;
                }
                var json = MAPPER.readTree(body);
                String ref = json.path("requestRef").asText();
                SigningRequest request = SIGNING_REQUESTS.computeIfAbsent(ref, r -> new SigningRequest(
                        java.util.UUID.randomUUID(), json));
                TRANSACTION_REFS.put(request.id().toString(), ref);
                reply(ex, 201, "{\"id\":\"" + request.id() + "\",\"status\":\"PENDING\",\"extra\":1}");
                return;
            }
            if ("GET".equals(ex.getRequestMethod()) && path.length == 6 && "document".equals(path[5])) {
                String ref = TRANSACTION_REFS.get(path[4]);
                if (ref == null) {
                    reply(ex, 404, "{}");
                    return;
                }
                byte[] pdf = signedVersion(SIGNING_REQUESTS.get(ref));
                ex.getResponseHeaders().set("Content-Type", "application/pdf");
                ex.sendResponseHeaders(200, pdf.length);
                ex.getResponseBody().write(pdf);
                ex.close();
                return;
            }
            reply(ex, 404, "{}");
        });
    }

    @Override
    protected Map<String, String> config(String url) {
        return Map.of(
                "quarkus.rest-client.signing-service.url", url,
                "quarkus.rest-client.account-service.url", url,
                "kyso.activation.account-client.secret", SECRET,
                "kyso.test.account-stub.url", url);
    }

    private static void reply(HttpExchange ex, int status, String json) throws IOException {
        reply(ex, status, "application/json", json);
    }
}
