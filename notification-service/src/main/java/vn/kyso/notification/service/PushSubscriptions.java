package vn.kyso.notification.service;

import java.time.Clock;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import vn.kyso.commons.problem.FieldValidator;
import vn.kyso.commons.problem.ProblemException;
import vn.kyso.notification.config.NotificationConfig;
import vn.kyso.notification.crypto.WebPush;
import vn.kyso.notification.model.PushSubscription;
import vn.kyso.notification.repository.PushSubscriptionRepository;

/** The subscriber's browsers that take push notices: added when the browser subscribes, removed when it stops. */
@ApplicationScoped
public class PushSubscriptions {

    private final PushSubscriptionRepository subscriptions;
    private final PushEndpoints endpoints;
    private final WebPush webPush;
    private final NotificationConfig config;
    private final Clock clock;

    public PushSubscriptions(PushSubscriptionRepository subscriptions, PushEndpoints endpoints, WebPush webPush,
            NotificationConfig config, Clock clock) {
        this.subscriptions = subscriptions;
        this.endpoints = endpoints;
        this.webPush = webPush;
        this.config = config;
        this.clock = clock;
    }

    /** The key browsers subscribe with. */
    public String publicKey() {
        return webPush.publicKey().orElseThrow(() -> new ProblemException(NotificationError.PUSH_NOT_CONFIGURED, "This server has no VAPID key configured"));
    }

    /**
     * Records a browser's subscription for the account. The endpoint identifies the browser: subscribing again (new
     * keys, or another subscriber signed in there) replaces the row, so a shared browser tells only its current user.
     */
    @WithTransaction
    public Uni<PushSubscription> subscribe(UUID accountId, String endpoint, String p256dh, String auth) {
        publicKey();
        FieldValidator v = new FieldValidator();
        v.check("endpoint", endpoints.refusal(endpoint) == null, String.valueOf(endpoints.refusal(endpoint)));
        String keys = p256dh == null || auth == null ? "keys.p256dh and keys.auth are required"
                : WebPush.keysRefusal(p256dh, auth);
        v.check("keys", keys == null, String.valueOf(keys));
        v.throwIfInvalid(NotificationError.VALIDATION_FAILED);
        return subscriptions.findByEndpoint(endpoint).chain(existing -> {
            PushSubscription s = existing != null ? existing : new PushSubscription();
            if (existing == null) {
                s.id = UUID.randomUUID();
                s.endpoint = endpoint;
            }
            s.accountId = accountId;
            s.p256dh = p256dh;
            s.auth = auth;
            s.createdAt = clock.instant();
            return subscriptions.persist(s);
        }).call(s -> subscriptions.ofAccount(accountId).chain(all -> {
            int excess = all.size() - config.push().maxPerAccount();
            if (excess <= 0) {
                return Uni.createFrom().voidItem();
            }
            List<UUID> oldest = all.stream().filter(o -> !o.id.equals(s.id)).limit(excess).map(o -> o.id).toList();
            return subscriptions.delete("id in ?1", oldest).replaceWithVoid();
        }));
    }

    @WithSession
    public Uni<List<PushSubscription>> of(UUID accountId) {
        return subscriptions.ofAccount(accountId);
    }

    /** Stops pushes to one of the account's browsers. */
    @WithTransaction
    public Uni<Void> unsubscribe(UUID accountId, UUID subscriptionId) {
        return subscriptions.findById(subscriptionId).chain(s -> {
            if (s == null || !s.accountId.equals(accountId)) {
                throw new ProblemException(NotificationError.SUBSCRIPTION_NOT_FOUND, "No push subscription of yours has this id");
            }
            return subscriptions.delete(s);
        });
    }
}
