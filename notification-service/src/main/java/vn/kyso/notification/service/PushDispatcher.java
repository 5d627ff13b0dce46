package vn.kyso.notification.service;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import vn.kyso.commons.delivery.Delivery;
import vn.kyso.commons.delivery.DeliveryChannel;
import vn.kyso.commons.delivery.DeliveryQueue;
import vn.kyso.commons.security.PinnedHttp;
import vn.kyso.commons.security.WebhookDestinations;
import vn.kyso.commons.work.Blocking;
import vn.kyso.notification.config.NotificationConfig;
import vn.kyso.notification.crypto.WebPush;
import vn.kyso.notification.repository.PushSubscriptionRepository;

/**
 * Web Push as a channel of the delivery queue: each queued push is encrypted when it leaves (to the subscription's
 * current keys) and POSTed to the browser's push service over a connection pinned to the address just checked. A
 * subscription the push service no longer knows (404, 410) is deleted; a push is retried a few times, then given up.
 */
@ApplicationScoped
public class PushDispatcher implements DeliveryChannel {

    public static final String CHANNEL = "push";

    private static final Logger LOG = Logger.getLogger(PushDispatcher.class);

    private final DeliveryQueue queue;
    private final PushSubscriptionRepository subscriptions;
    private final WebPush webPush;
    private final PushEndpoints endpoints;
    private final NotificationConfig config;
    private final ObjectMapper json;
    private final PinnedHttp http;

    public PushDispatcher(DeliveryQueue queue, PushSubscriptionRepository subscriptions, WebPush webPush,
            PushEndpoints endpoints, NotificationConfig config, ObjectMapper json, Vertx vertx) {
        this.queue = queue;
        this.subscriptions = subscriptions;
        this.webPush = webPush;
        this.endpoints = endpoints;
        this.config = config;
        this.json = json;
        this.http = new PinnedHttp(vertx.getDelegate(), Duration.ofSeconds(5));
    }

    @PreDestroy
    void close() {
        http.close();
    }

    /** Sends now what is due; called after a consumer committed new pushes. */
    public void wake() {
        queue.wake(CHANNEL);
    }

    @Override
    public String name() {
        return CHANNEL;
    }

    @Override
    public Policy policy() {
        NotificationConfig.Push push = config.push();
        return new Policy(push.attempts(), config.retryInitialBackoff(), config.retryMaxBackoff(),
                push.timeout().multipliedBy(3), config.senders());
    }

    /** The queued form of a push: which subscription, for how long it is worth delivering, and the message. */
    public String payload(UUID subscriptionId, int ttlSeconds, boolean urgent, Map<String, Object> message) {
        try {
            return json.writeValueAsString(Map.of("subscriptionId", subscriptionId.toString(), "ttl", ttlSeconds,
                    "urgent", urgent, "message", message));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("push message cannot be serialised", e);
        }
    }

    @Override
    public Uni<Void> send(Delivery delivery) {
        JsonNode queued;
        try {
            queued = json.readTree(delivery.payload);
        } catch (JsonProcessingException e) {
            return Uni.createFrom().failure(new Refused("stored push " + delivery.id + " is unreadable"));
        }
        UUID subscriptionId = UUID.fromString(queued.path("subscriptionId").asText());
        return subscriptions.findById(subscriptionId).chain(subscription -> {
            if (subscription == null || !subscription.endpoint.equals(delivery.destination)) {
                return Uni.createFrom().voidItem(); // unsubscribed since: nobody to tell
            }
            URI endpoint = URI.create(subscription.endpoint);
            byte[] message = queued.path("message").toString().getBytes(StandardCharsets.UTF_8);
            // DNS, ECDH and signing are blocking: off the event loop.
            return Blocking.onWorker(() -> {
                String refusal = endpoints.refusal(subscription.endpoint);
                WebhookDestinations.Destination destination = refusal != null ? null
                        : WebhookDestinations.resolve(endpoint, endpoints.allowLoopback(),
                                WebhookDestinations.HostResolver.SYSTEM);
                if (destination == null || !destination.allowed()) {
                    throw new Refused("push endpoint refused: "
                            + (refusal != null ? refusal : destination.refusal()));
                }
                WebPush.Encrypted encrypted = webPush.encrypt(endpoint, subscription.p256dh, subscription.auth,
                        message, queued.path("ttl").asInt(), queued.path("urgent").asBoolean());
                return new Ready(destination, encrypted);
            }).chain(ready -> Uni.createFrom().completionStage(http.post(endpoint, ready.destination().address(),
                    ready.message().headers(), ready.message().body(), config.push().timeout()).toCompletionStage())).chain(status -> outcome(status, subscription.id));
        });
    }

    private record Ready(WebhookDestinations.Destination destination, WebPush.Encrypted message) {
    }

    private Uni<Void> outcome(int status, UUID subscriptionId) {
        if (status >= 200 && status < 300) {
            return Uni.createFrom().voidItem();
        }
        if (status == 404 || status == 410) {
            // RFC 8030 §7.3: the subscription expired or was withdrawn; it will never take a message again.
            LOG.infof("push subscription %s is gone at its push service (%d): removed", subscriptionId, status);
            return Panache.withTransaction(() -> subscriptions.deleteById(subscriptionId)).replaceWithVoid();
        }
        if (status == 400 || status == 401 || status == 403 || status == 413) {
            throw new Refused("push service refused the message: HTTP " + status);
        }
        throw new IllegalStateException("push service answered HTTP " + status);
    }
}
