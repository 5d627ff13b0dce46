package vn.kyso.commons.throttle;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;

/**
 * The address a request came from, as throttling keys it: the peer's IP, or the client's when the edge proxy is
 * trusted ({@code quarkus.http.proxy.*}, set in the cluster's config). Never a header a client can set itself.
 */
@ApplicationScoped
public class RequestSource {

    private final CurrentVertxRequest current;

    public RequestSource(CurrentVertxRequest current) {
        this.current = current;
    }

    /** The current request's source, or {@code "internal"} outside a request (a consumer, a scheduled job). */
    public String address() {
        try {
            RoutingContext context = current.getCurrent();
            return context == null ? "internal" : of(context.request());
        } catch (jakarta.enterprise.context.ContextNotActiveException e) {
            return "internal";
        }
    }

    public static String of(HttpServerRequest request) {
        var address = request.remoteAddress();
        if (address == null) {
            return "unknown";
        }
        return address.hostAddress() != null ? address.hostAddress() : address.host();
    }
}
