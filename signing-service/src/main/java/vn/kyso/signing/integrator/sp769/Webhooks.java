package vn.kyso.signing.integrator.sp769;

import java.net.InetAddress;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.runtime.ShutdownEvent;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import vn.kyso.commons.delivery.Delivery;
import vn.kyso.commons.delivery.DeliveryChannel;
import vn.kyso.commons.delivery.DeliveryQueue;
import vn.kyso.commons.security.PinnedHttp;
import vn.kyso.commons.security.WebhookDestinations;
import vn.kyso.commons.security.WebhookDestinations.HostResolver;
import vn.kyso.signing.config.SigningConfig;
import vn.kyso.signing.crypto.WebhookSignatures;
import vn.kyso.signing.integrator.repository.ServiceProviderRepository;
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
    /** The idempotency key every attempt of one delivery carries. */
    public static final String DELIVERY_HEADER = "X-Kyso-Delivery";

    private final DeliveryQueue queue;
    private final ServiceProviderRepository providers;
    private final ObjectMapper json;
    private final SigningConfig config;
    private final PinnedHttp http;
    private final WebhookSignatures signatures;
    private final HostResolver resolver;

    public Webhooks(DeliveryQueue queue, ServiceProviderRepository providers, ObjectMapper json, SigningConfig config,
            Vertx vertx, WebhookSignatures signatures, HostResolver resolver) {
        this.queue = queue;
        this.providers = providers;
        this.json = json;
        this.config = config;
        this.signatures = signatures;
        this.resolver = resolver;
        this.http = new PinnedHttp(vertx, config.webhook().timeout());
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
            return queue.enqueue(CHANNEL, tx.id.toString(), sp.webhookUrl, payload).replaceWithVoid();
        });
    }

    @Override
    public void committed() {
        queue.wake(CHANNEL);
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

    /** One attempt, outside any transaction: resolve and check the destination, then POST to that address. */
    @Override
    public Uni<Void> send(Delivery d) {
        URI url;
        try {
            url = URI.create(d.destination);
        } catch (IllegalArgumentException e) {
            return Uni.createFrom().failure(new Refused("invalid webhook URL"));
        }
        Context context = Vertx.currentContext();
        // Resolving is blocking DNS: a worker thread does it, and the answer comes back to the sender's context.
        return Uni.createFrom().item(() -> WebhookDestinations.resolve(url, config.webhook().allowLoopback(), resolver))
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                .emitOn(task -> context.runOnContext(ignored -> task.run()))
                .chain(destination -> destination.allowed()
                        ? post(d, url, destination.address(), context)
                        // A destination that is not public is a registration to fix, not a network hiccup.
                        : Uni.createFrom().failure(new Refused(destination.refusal())));
    }

    /** Connects to the address that was checked, never to what a second look-up of the name might say. */
    private Uni<Void> post(Delivery d, URI url, InetAddress address, Context context) {
        long now = java.time.Instant.now().getEpochSecond();
        Map<String, String> headers = Map.of("Content-Type", "application/json",
                DELIVERY_HEADER, d.id.toString(),
                WebhookSignatures.HEADER, signatures.header(now, d.payload));
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
