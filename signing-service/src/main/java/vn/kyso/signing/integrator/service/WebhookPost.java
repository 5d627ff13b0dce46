package vn.kyso.signing.integrator.service;

import java.net.InetAddress;
import java.net.URI;
import java.time.Clock;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.quarkus.runtime.ShutdownEvent;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import vn.kyso.commons.delivery.Delivery;
import vn.kyso.commons.delivery.DeliveryChannel;
import vn.kyso.commons.security.PinnedHttp;
import vn.kyso.commons.security.WebhookDestinations;
import vn.kyso.commons.security.WebhookDestinations.HostResolver;
import vn.kyso.signing.config.SigningConfig;
import vn.kyso.signing.crypto.WebhookSignatures;

/**
 * One attempt at an integrator's webhook, whatever its protocol: the URL's host resolved once and checked to be public,
 * the POST sent to that address with the Ed25519 signature and the delivery's id as its idempotency key.
 */
@ApplicationScoped
public class WebhookPost {

    /** The idempotency key every attempt of one delivery carries. */
    public static final String DELIVERY_HEADER = "X-Kyso-Delivery";

    private final SigningConfig config;
    private final PinnedHttp http;
    private final WebhookSignatures signatures;
    private final HostResolver resolver;
    private final Clock clock;

    public WebhookPost(SigningConfig config, Vertx vertx, WebhookSignatures signatures, HostResolver resolver,
            Clock clock) {
        this.config = config;
        this.signatures = signatures;
        this.resolver = resolver;
        this.clock = clock;
        this.http = new PinnedHttp(vertx, config.webhook().timeout());
    }

    /** Sends {@code d} outside any transaction; a destination that is not public fails as {@code Refused}. */
    public Uni<Void> send(Delivery d) {
        URI url;
        try {
            url = URI.create(d.destination);
        } catch (IllegalArgumentException e) {
            return Uni.createFrom().failure(new DeliveryChannel.Refused("invalid webhook URL"));
        }
        Context context = Vertx.currentContext();
        // Resolving is blocking DNS: a worker thread does it, and the answer comes back to the sender's context.
        return Uni.createFrom().item(() -> WebhookDestinations.resolve(url, config.webhook().allowLoopback(), resolver))
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                .emitOn(task -> context.runOnContext(ignored -> task.run()))
                .chain(destination -> destination.allowed()
                        ? post(d, url, destination.address(), context)
                        // A destination that is not public is a registration to fix, not a network hiccup.
                        : Uni.createFrom().failure(new DeliveryChannel.Refused(destination.refusal())));
    }

    /** Connects to the address that was checked, never to what a second look-up of the name might say. */
    private Uni<Void> post(Delivery d, URI url, InetAddress address, Context context) {
        Map<String, String> headers = Map.of("Content-Type", "application/json",
                DELIVERY_HEADER, d.id.toString(),
                WebhookSignatures.HEADER, signatures.header(clock.instant().getEpochSecond(), d.payload));
        return Uni.createFrom().completionStage(() -> http.post(url, address, headers, d.payload,
                        config.webhook().timeout()).toCompletionStage())
                .emitOn(task -> context.runOnContext(ignored -> task.run()))
                .map(status -> {
                    if (status / 100 != 2) {
                        throw new IllegalStateException("HTTP " + status);
                    }
                    return null;
                });
    }

    void onShutdown(@Observes ShutdownEvent event) {
        http.close();
    }
}
