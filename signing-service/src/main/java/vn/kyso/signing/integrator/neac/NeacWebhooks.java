package vn.kyso.signing.integrator.neac;

import java.time.Duration;
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
import vn.kyso.signing.transaction.service.LoadedTransaction;
import vn.kyso.signing.transaction.service.TransactionEndListener;

/**
 * The NEAC webhook (contract §6): when an SP's transaction ends and its result was not in the {@code /sign}
 * answer, the status answer plus SmartCA-style flat copies goes to the URL registered for the SP, through the
 * delivery queue (channel {@value #CHANNEL}), signed as SP769's are. A synchronous {@code /sign} that is still holding
 * takes the result itself and withdraws the webhook before it falls due.
 */
@ApplicationScoped
public class NeacWebhooks implements TransactionEndListener, DeliveryChannel {

    public static final String CHANNEL = "neac-webhook";
    /** How long a synchronous SP's webhook waits for a holding {@code /sign} to withdraw it (it looks every 250 ms). */
    static final Duration SYNC_GRACE = Duration.ofSeconds(2);

    private final DeliveryQueue queue;
    private final java.util.concurrent.atomic.AtomicBoolean owed = new java.util.concurrent.atomic.AtomicBoolean();
    private final ServiceProviderRepository providers;
    private final NeacService neac;
    private final ObjectMapper json;
    private final SigningConfig config;
    private final WebhookPost post;

    public NeacWebhooks(DeliveryQueue queue, ServiceProviderRepository providers, NeacService neac, ObjectMapper json,
            SigningConfig config, WebhookPost post) {
        this.queue = queue;
        this.providers = providers;
        this.neac = neac;
        this.json = json;
        this.config = config;
        this.post = post;
    }

    @Override
    public Uni<Void> ended(SigningTransaction tx, List<TransactionItem> items) {
        if (!NeacService.REQUESTER_TYPE.equals(tx.requesterType)) {
            return Uni.createFrom().voidItem();
        }
        return providers.findById(UUID.fromString(tx.requesterId)).chain(sp -> {
            if (sp == null || sp.webhookUrl == null || sp.webhookUrl.isBlank()) {
                return Uni.createFrom().voidItem();
            }
            NeacService.Answer answer = neac.answer(new LoadedTransaction(tx, items), false);
            @SuppressWarnings("unchecked")
            Map<String, Object> data = (Map<String, Object>) answer.data();
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("sp_id", sp.spId.toString());
            body.put("status_code", switch (String.valueOf(data.get("status"))) {
                case "SIGNED" -> 200;
                case "REJECTED" -> 409;
                case "EXPIRED" -> 410;
                default -> 500;
            });
            body.put("message", answer.message());
            body.put("transaction_id", tx.requestRef);
            body.put("signed_files", data.get("signed_files"));
            body.put("data", data);
            String payload;
            try {
                payload = json.writeValueAsString(body);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
            boolean sync = neac.mode(sp) == SigningConfig.SignMode.SYNC;
            return queue.enqueue(CHANNEL, tx.id.toString(), sp.webhookUrl, payload,
                    java.time.Instant.now().plus(sync ? SYNC_GRACE : Duration.ZERO)).invoke(() -> owed.set(true))
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
        return new Policy(config.neac().webhookMaxAttempts(), w.initialBackoff(), w.maxBackoff(), w.lease(),
                w.senders());
    }

    @Override
    public Uni<Void> send(Delivery d) {
        return post.send(d);
    }
}
