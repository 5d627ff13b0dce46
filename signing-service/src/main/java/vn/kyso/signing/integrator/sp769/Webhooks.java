package vn.kyso.signing.integrator.sp769;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.smallrye.mutiny.Uni;
import vn.kyso.commons.delivery.Delivery;
import vn.kyso.commons.delivery.DeliveryChannel;
import vn.kyso.commons.delivery.DeliveryQueue;
import vn.kyso.signing.config.SigningConfig;
import vn.kyso.signing.integrator.repository.ServiceProviderRepository;
import vn.kyso.signing.integrator.service.WebhookPost;
import vn.kyso.signing.transaction.model.SigningTransaction;
import vn.kyso.signing.transaction.model.TransactionItem;
import vn.kyso.signing.transaction.model.TransactionStatus;
import vn.kyso.signing.transaction.service.TransactionEndListener;

/**
 * The SP769 webhook: when an SP's transaction ends, a delivery is queued in the same database transaction
 * ({@link DeliveryQueue}, channel {@value #CHANNEL}); a sender POSTs it outside any transaction to the SP's registered
 * URL, at the address checked to be public, with an Ed25519 signature and the delivery's id as its idempotency key
 * ({@code X-Kyso-Delivery}), retrying with back-off until the SP answers 2xx or the attempts run out (polling the
 * status still works).
 */
@ApplicationScoped
public class Webhooks implements TransactionEndListener, DeliveryChannel {

    public static final String CHANNEL = "sp769-webhook";

    private final DeliveryQueue queue;
    private final java.util.concurrent.atomic.AtomicBoolean owed = new java.util.concurrent.atomic.AtomicBoolean();
    private final ServiceProviderRepository providers;
    private final ObjectMapper json;
    private final SigningConfig config;
    private final WebhookPost post;

    public Webhooks(DeliveryQueue queue, ServiceProviderRepository providers, ObjectMapper json, SigningConfig config,
            WebhookPost post) {
        this.queue = queue;
        this.providers = providers;
        this.json = json;
        this.config = config;
        this.post = post;
    }

    /** Inside the transaction that ended {@code tx}: owes the SP a webhook if it registered a URL. */
    @Override
    public Uni<Void> ended(SigningTransaction tx, List<TransactionItem> items) {
        if (!Sp769Service.REQUESTER_TYPE.equals(tx.requesterType)) {
            return Uni.createFrom().voidItem();
        }
        return providers.findById(UUID.fromString(tx.requesterId)).chain(sp -> {
            if (sp == null || sp.webhookUrl == null || sp.webhookUrl.isBlank()) {
                return Uni.createFrom().voidItem();
            }
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("sp_id", sp.spId.toString());
            body.put("status_code", 200);
            body.put("message", tx.status == TransactionStatus.SIGNED ? "SUCCESS" : tx.status.name());
            body.put("transaction_id", tx.requestRef);
            body.put("tran_code", tx.id.toString());
            body.put("status", tx.status.name());
            body.put("signed_files", tx.status == TransactionStatus.SIGNED ? Sp769Service.signatures(items) : null);
            String payload;
            try {
                payload = json.writeValueAsString(body);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
            return queue.enqueue(CHANNEL, tx.id.toString(), sp.webhookUrl, payload).invoke(() -> owed.set(true))
                    .replaceWithVoid();
        });
    }

    /** Wakes a sender only after commits that owed a webhook: most transactions end without one. */
    @Override
    public void committed() {
        if (owed.getAndSet(false)) {
            queue.wake(CHANNEL);
        }
    }

    @Override
    public String name() {
        return CHANNEL;
    }

    @Override
    public Policy policy() {
        SigningConfig.Webhook w = config.webhook();
        return new Policy(w.maxAttempts(), w.initialBackoff(), w.maxBackoff(), w.lease(), w.senders());
    }

    /** One attempt, outside any transaction. */
    @Override
    public Uni<Void> send(Delivery d) {
        return post.send(d);
    }
}
