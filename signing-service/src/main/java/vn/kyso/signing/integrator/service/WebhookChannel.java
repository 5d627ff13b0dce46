package vn.kyso.signing.integrator.service;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.smallrye.mutiny.Uni;
import vn.kyso.commons.delivery.Delivery;
import vn.kyso.commons.delivery.DeliveryChannel;
import vn.kyso.commons.delivery.DeliveryQueue;
import vn.kyso.signing.config.SigningConfig;
import vn.kyso.signing.integrator.model.ServiceProvider;
import vn.kyso.signing.integrator.repository.ServiceProviderRepository;
import vn.kyso.signing.transaction.model.SigningTransaction;
import vn.kyso.signing.transaction.model.TransactionItem;
import vn.kyso.signing.transaction.service.TransactionEndListener;

/**
 * An integrator protocol's webhook as a listener of the core's "transaction ended" and a channel of the delivery
 * queue: the delivery is queued in the transaction that ended the signing transaction and sent outside it by
 * {@link WebhookPost}; subclasses are {@code @Singleton} (a client proxy would need a no-args constructor). Each protocol says only whose transactions it answers for, what the body is and when it is due.
 */
public abstract class WebhookChannel implements TransactionEndListener, DeliveryChannel {

    private final String channel;
    private final String requesterType;
    private final DeliveryQueue queue;
    private final ServiceProviderRepository providers;
    private final ObjectMapper json;
    private final WebhookPost post;
    protected final SigningConfig config;
    private final AtomicBoolean owed = new AtomicBoolean();

    protected WebhookChannel(String channel, String requesterType, DeliveryQueue queue,
            ServiceProviderRepository providers, ObjectMapper json, SigningConfig config, WebhookPost post) {
        this.channel = channel;
        this.requesterType = requesterType;
        this.queue = queue;
        this.providers = providers;
        this.json = json;
        this.config = config;
        this.post = post;
    }

    /** The webhook body for the SP that asked for {@code tx}. */
    protected abstract Map<String, Object> body(ServiceProvider sp, SigningTransaction tx, List<TransactionItem> items);

    /** How long the first attempt waits; none unless the protocol may still hand the result over itself. */
    protected Duration delay(ServiceProvider sp) {
        return Duration.ZERO;
    }

    /** Attempts before the delivery is dead-lettered. */
    protected int maxAttempts() {
        return config.webhook().maxAttempts();
    }

    /** Inside the transaction that ended {@code tx}: owes the SP a webhook if it registered a URL. */
    @Override
    public Uni<Void> ended(SigningTransaction tx, List<TransactionItem> items) {
        if (!requesterType.equals(tx.requesterType)) {
            return Uni.createFrom().voidItem();
        }
        return providers.findById(UUID.fromString(tx.requesterId)).chain(sp -> {
            if (sp == null || sp.webhookUrl == null || sp.webhookUrl.isBlank()) {
                return Uni.createFrom().voidItem();
            }
            String payload;
            try {
                payload = json.writeValueAsString(body(sp, tx, items));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
            Duration delay = delay(sp);
            return (delay.isZero()
                    ? queue.enqueue(channel, tx.id.toString(), sp.webhookUrl, payload)
                    : queue.enqueue(channel, tx.id.toString(), sp.webhookUrl, payload, Instant.now().plus(delay)))
                    .invoke(() -> owed.set(true)).replaceWithVoid();
        });
    }

    /** Wakes a sender only after commits that owed a webhook: most transactions end without one. */
    @Override
    public void committed() {
        if (owed.getAndSet(false)) {
            queue.wake(channel);
        }
    }

    @Override
    public String name() {
        return channel;
    }

    @Override
    public Policy policy() {
        SigningConfig.Webhook w = config.webhook();
        return new Policy(maxAttempts(), w.initialBackoff(), w.maxBackoff(), w.lease(), w.senders());
    }

    /** One attempt, outside any transaction. */
    @Override
    public Uni<Void> send(Delivery d) {
        return post.send(d);
    }
}
