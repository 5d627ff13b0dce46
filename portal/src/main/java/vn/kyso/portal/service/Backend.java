package vn.kyso.portal.service;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Optional;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Multi;
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
        return call(method, uri, bearer, contentType, body, null);
    }

    /**
     * As above, naming the browser's address ({@code X-Forwarded-For}) so the service's per-source budgets and
     * back-off count that browser, not the portal (the services trust the portal as a proxy).
     */
    public Uni<Reply> call(String method, URI uri, String bearer, String contentType, byte[] body, String browser) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(config.backendTimeout())
                .header("Accept", "application/json, application/problem+json, application/pdf, image/png")
                .method(method, body == null || body.length == 0 ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body));
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        if (browser != null) {
            request.header("X-Forwarded-For", browser);
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

    /**
     * A server-sent-event stream from a service, as the {@code data} of each event; a refusal (no stream) fails with
     * the status. Cancelling the returned stream closes the connection to the service.
     */
    public Multi<String> events(URI uri, String bearer) {
        return Multi.createFrom().emitter(emitter -> {
            AtomicReference<Flow.Subscription> upstream = new AtomicReference<>();
            emitter.onTermination(() -> {
                Flow.Subscription s = upstream.get();
                if (s != null) {
                    s.cancel();
                }
            });
            Flow.Subscriber<String> lines = new Flow.Subscriber<>() {
                @Override
                public void onSubscribe(Flow.Subscription subscription) {
                    upstream.set(subscription);
                    subscription.request(Long.MAX_VALUE);
                }

                @Override
                public void onNext(String line) {
                    if (line.startsWith("data:")) {
                        emitter.emit(line.substring(5).strip());
                    }
                }

                @Override
                public void onError(Throwable e) {
                    emitter.fail(e);
                }

                @Override
                public void onComplete() {
                    emitter.complete();
                }
            };
            http.sendAsync(HttpRequest.newBuilder(uri).header("Authorization", "Bearer " + bearer)
                    .header("Accept", "text/event-stream").build(), HttpResponse.BodyHandlers.fromLineSubscriber(lines))
                    .whenComplete((response, e) -> {
                        if (e != null) {
                            emitter.fail(e);
                        } else if (response.statusCode() != 200) {
                            emitter.fail(new StreamRefused(response.statusCode()));
                        }
                    });
        });
    }

    /** The service answered the stream request with {@code status} instead of a stream. */
    public static final class StreamRefused extends RuntimeException {

        private final int status;

        StreamRefused(int status) {
            super("stream refused with " + status, null, false, false);
            this.status = status;
        }

        public int status() {
            return status;
        }
    }

    private static String header(HttpResponse<?> response, String name) {
        Optional<String> value = response.headers().firstValue(name);
        return value.orElse(null);
    }
}
