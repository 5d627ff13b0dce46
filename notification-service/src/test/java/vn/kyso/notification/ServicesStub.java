package vn.kyso.notification;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpServer;

import vn.kyso.testsupport.HttpStubResource;

/**
 * Stands in for account-service's token endpoint and activation-service's acceptance-record endpoint, for this
 * module's tests only; the real cross-service path runs in {@code ./kyso smoke}.
 */
public class ServicesStub extends HttpStubResource {

    static final String SECRET = "stub-notification-secret-0123456789";
    private static final String TOKEN = "stub-notification-token";
    /** Signed records by account id. */
    static final Map<String, byte[]> RECORDS = new ConcurrentHashMap<>();
    /** How many record requests fail (503) before the stub answers again. */
    static final AtomicInteger FAILURES = new AtomicInteger();

    @Override
    protected void routes(HttpServer server) {
        server.createContext("/api/v1/auth/service-token", ex -> {
            String body = read(ex);
            if (body.contains("\"clientId\":\"notification-service\"") && body.contains("\"" + SECRET + "\"")) {
                reply(ex, 200, "application/json", "{\"access_token\":\"" + TOKEN
                        + "\",\"token_type\":\"Bearer\",\"expires_in\":300}");
            } else {
                reply(ex, 401, "application/json", "{}");
            }
        });
        server.createContext("/internal/v1/activations/", ex -> {
            if (!("Bearer " + TOKEN).equals(ex.getRequestHeaders().getFirst("Authorization"))) {
                reply(ex, 401, "application/json", "{}");
                return;
            }
            if (FAILURES.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                reply(ex, 503, "application/json", "{}");
                return;
            }
            byte[] pdf = RECORDS.get(ex.getRequestURI().getPath().split("/")[4]);
            if (pdf == null) {
                reply(ex, 404, "application/problem+json", "{}");
                return;
            }
            reply(ex, 200, "application/pdf", pdf);
        });
    }

    @Override
    protected Map<String, String> config(String url) {
        return Map.of("quarkus.rest-client.account-service.url", url,
                "quarkus.rest-client.activation-service.url", url,
                "kyso.notification.service-client.secret", SECRET);
    }
}
