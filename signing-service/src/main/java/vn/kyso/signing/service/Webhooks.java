package vn.kyso.signing.service;

import java.net.InetAddress;
import java.net.URI;
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
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.core.Vertx;
import vn.kyso.commons.security.PinnedHttp;
import vn.kyso.commons.security.WebhookDestinations;
import vn.kyso.commons.security.WebhookDestinations.HostResolver;
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
 * dispatcher POSTs it to the SP's registered URL (at the address checked to be public) with an Ed25519 signature
 * header, retrying with back-off until the SP answers 2xx (or the attempts run out; polling the status still works).
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
    private final PinnedHttp http;
    private final WebhookSignatures signatures;
    private final HostResolver resolver;

    public Webhooks(WebhookDeliveryRepository deliveries, ServiceProviderRepository providers, ObjectMapper json,
            SigningConfig config, Clock clock, Vertx vertx, WebhookSignatures signatures, HostResolver resolver) {
        this.resolver = resolver;
        this.signatures = signatures;
        this.deliveries = deliveries;
        this.providers = providers;
        this.json = json;
        this.config = config;
        this.clock = clock;
        this.job = new WakeableJob("Webhook dispatcher", vertx, this::drain);
        this.http = new PinnedHttp(vertx, config.webhook().timeout());
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
        http.close();
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
        URI url;
        try {
            url = URI.create(d.url);
        } catch (IllegalArgumentException e) {
            return Uni.createFrom().item(failed(d, "invalid webhook URL"));
        }
        io.vertx.core.Context context = Vertx.currentContext();
        // Resolving is blocking DNS: a worker thread does it, and the answer comes back to the session's context.
        return Uni.createFrom().item(() -> WebhookDestinations.resolve(url, config.webhook().allowLoopback(), resolver))
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                .emitOn(task -> context.runOnContext(ignored -> task.run()))
                .chain(destination -> destination.allowed()
                        ? post(d, url, destination.address(), context)
                        : Uni.createFrom().item(refused(d, destination.refusal())));
    }

    /** Connects to the address that was checked, never to what a second look-up of the name might say. */
    private Uni<Void> post(WebhookDelivery d, URI url, InetAddress address, io.vertx.core.Context context) {
        long now = clock.instant().getEpochSecond();
        Map<String, String> headers = Map.of("Content-Type", "application/json",
                "X-Kyso-Delivery", d.id.toString(),
                WebhookSignatures.HEADER, signatures.header(now, d.payload));
        return Uni.createFrom().completionStage(() -> http.post(url, address, headers, d.payload,
                        config.webhook().timeout()).toCompletionStage())
                .emitOn(task -> context.runOnContext(ignored -> task.run()))
                .map(status -> {
                    if (status / 100 == 2) {
                        d.attempts++;
                        d.status = "SENT";
                        d.sentAt = clock.instant();
                        d.lastError = null;
                        LOG.infof("webhook for transaction %s delivered to SP %s after %d attempt(s)",
                                d.transactionId, d.spId, d.attempts);
                        return (Void) null;
                    }
                    return failed(d, "HTTP " + status);
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
