package vn.kyso.portal.service;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import vn.kyso.portal.config.PortalConfig;

/** Calls to the services behind the portal, with the subscriber's bearer token when there is one. */
@ApplicationScoped
public class Backend {

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final PortalConfig config;

    /** A service's answer, passed on to the browser as it is. */
    public record Reply(int status, String contentType, byte[] body, String location, String contentDisposition) {
    }

    public Backend(PortalConfig config) {
        this.config = config;
    }

    public Uni<Reply> call(String method, URI uri, String bearer, String contentType, byte[] body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(config.backendTimeout())
                .header("Accept", "application/json, application/problem+json, application/pdf")
                .method(method, body == null || body.length == 0 ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body));
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        if (contentType != null && body != null && body.length > 0) {
            request.header("Content-Type", contentType);
        }
        Context context = Vertx.currentContext();
        Uni<Reply> reply = Uni.createFrom().completionStage(() -> http.sendAsync(request.build(),
                HttpResponse.BodyHandlers.ofByteArray())).map(r -> new Reply(r.statusCode(),
                        header(r, "Content-Type"), r.body(), header(r, "Location"), header(r, "Content-Disposition")));
        // Continue on the request's own Vert.x context, not on the JDK client's thread.
        return context == null ? reply : reply.emitOn(task -> context.runOnContext(ignored -> task.run()));
    }

    private static String header(HttpResponse<?> response, String name) {
        Optional<String> value = response.headers().firstValue(name);
        return value.orElse(null);
    }
}
