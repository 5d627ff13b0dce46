package vn.kyso.signing.service;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import vn.kyso.commons.security.WebhookDestinations;
import vn.kyso.commons.work.WakeableJob;
import vn.kyso.signing.config.SigningConfig;
import vn.kyso.signing.crypto.WebhookSignatures;
import vn.kyso.signing.model.SigningTransaction;
import vn.kyso.signing.model.TransactionItem;
import vn.kyso.signing.model.TransactionStatus;
import vn.kyso.signing.model.WebhookDelivery;
import vn.kyso.signing.repository.ServiceProviderRepository;
import vn.kyso.signing.repository.WebhookDeliveryRepository;

/**
 * The SP769 webhook: when an SP's transaction ends, a delivery is written in the same database transaction and a
 * dispatcher POSTs it to the SP's registered URL with an HMAC signature header, retrying with back-off until the SP
 * answers 2xx (or the attempts run out; polling the status still works).
 */
@ApplicationScoped
public class Webhooks {

    private static final Logger LOG = Logger.getLogger(Webhooks.class);

    private final WebhookDeliveryRepository deliveries;
    private final ServiceProviderRepository providers;
    private final ObjectMapper json;
    private final SigningConfig config;
    private final Clock clock;
    private final WakeableJob job;
    private final HttpClient http;
    private final WebhookSignatures signatures;

    public Webhooks(WebhookDeliveryRepository deliveries, ServiceProviderRepository providers, ObjectMapper json,
            SigningConfig config, Clock clock, Vertx vertx, WebhookSignatures signatures) {
        this.signatures = signatures;
        this.deliveries = deliveries;
        this.providers = providers;
        this.json = json;
        this.config = config;
        this.clock = clock;
        this.job = new WakeableJob("Webhook dispatcher", vertx, this::drain);
        this.http = HttpClient.newBuilder().connectTimeout(config.webhook().timeout()).build();
    }

    /** Inside the transaction that ended {@code tx}: owes the SP a webhook if it registered a URL. */
    public Uni<Void> finished(SigningTransaction tx, List<TransactionItem> items) {
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
            WebhookDelivery d = new WebhookDelivery();
            d.id = UUID.randomUUID();
            d.transactionId = tx.id;
            d.spId = sp.spId;
            d.url = sp.webhookUrl;
            try {
                d.payload = json.writeValueAsString(body);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
            d.status = "PENDING";
            d.createdAt = clock.instant();
            d.nextAttemptAt = d.createdAt;
            return deliveries.persist(d).replaceWithVoid();
        });
    }

    /** Sends what is due now; call after a commit that wrote deliveries. */
    public void wake() {
        job.wake();
    }

    void onShutdown(@Observes ShutdownEvent event) {
        job.stop();
    }

    @Scheduled(every = "${kyso.signing.webhook.poll-interval:1s}", delayed = "1s",
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void poll() {
        wake();
    }

    Uni<Integer> drain() {
        return Panache.withTransaction(() -> deliveries.lockDue(clock.instant(), 20).chain(due -> {
            Uni<Void> chain = Uni.createFrom().voidItem();
            for (WebhookDelivery d : due) {
                chain = chain.chain(() -> send(d));
            }
            return chain.replaceWith(due.size());
        }));
    }

    private Uni<Void> send(WebhookDelivery d) {
        return providers.findById(d.spId).chain(sp -> {
            long now = clock.instant().getEpochSecond();
            HttpRequest request;
            try {
                request = HttpRequest.newBuilder(URI.create(d.url)).timeout(config.webhook().timeout())
                        .header("Content-Type", "application/json")
                        .header("X-Kyso-Delivery", d.id.toString())
                        .header(WebhookSignatures.HEADER, signatures.header(now, d.payload))
                        .POST(HttpRequest.BodyPublishers.ofString(d.payload)).build();
            } catch (IllegalArgumentException e) {
                return Uni.createFrom().item(failed(d, "invalid webhook URL"));
            }
            // The JDK client completes on its own threads; the reactive session must continue on this context.
            io.vertx.core.Context context = Vertx.currentContext();
            // The destination check resolves the host (blocking DNS), so it runs on a worker thread.
            Uni<String> refusal = Uni.createFrom().item(() -> WebhookDestinations.refusal(request.uri(),
                            config.webhook().allowLoopback()))
                            .runSubscriptionOn(io.smallrye.mutiny.infrastructure.Infrastructure.getDefaultWorkerPool())
                            .emitOn(task -> context.runOnContext(ignored -> task.run()));
            return refusal.chain(refused -> refused != null
                    ? Uni.createFrom().item(refused(d, refused))
                    : send(d, request, context));
        });
    }

    private Uni<Void> send(WebhookDelivery d, HttpRequest request, io.vertx.core.Context context) {
        return Uni.createFrom().completionStage(() -> http.sendAsync(request,
                        HttpResponse.BodyHandlers.discarding()))
                .emitOn(task -> context.runOnContext(ignored -> task.run()))
                .map(response -> {
                    if (response.statusCode() / 100 == 2) {
                        d.attempts++;
                        d.status = "SENT";
                        d.sentAt = clock.instant();
                        d.lastError = null;
                        LOG.infof("webhook for transaction %s delivered to SP %s after %d attempt(s)",
                                d.transactionId, d.spId, d.attempts);
                        return (Void) null;
                    }
                    return failed(d, "HTTP " + response.statusCode());
                })
                .onFailure().recoverWithItem(e -> failed(d, e.getClass().getSimpleName()));
    }

    /** A destination that is not public is a registration to fix, not a network hiccup: no retries. */
    private Void refused(WebhookDelivery d, String why) {
        d.attempts++;
        d.lastError = "destination refused: " + why;
        d.status = "FAILED";
        LOG.warnf("webhook for transaction %s not sent: the URL of SP %s leads to %s; the SP can still poll the status",
                d.transactionId, d.spId, why);
        return null;
    }

    private Void failed(WebhookDelivery d, String reason) {
        d.attempts++;
        d.lastError = reason;
        if (d.attempts >= config.webhook().maxAttempts()) {
            d.status = "FAILED";
            LOG.warnf("webhook for transaction %s given up after %d attempts (%s); the SP can still poll the status",
                    d.transactionId, d.attempts, reason);
            return null;
        }
        Duration wait = config.webhook().initialBackoff().multipliedBy(1L << Math.min(d.attempts - 1, 20));
        if (wait.compareTo(config.webhook().maxBackoff()) > 0) {
            wait = config.webhook().maxBackoff();
        }
        d.nextAttemptAt = clock.instant().plus(wait);
        LOG.infof("webhook for transaction %s not delivered (attempt %d: %s), retry in %s", d.transactionId,
                d.attempts, reason, wait);
        return null;
    }
}
