package vn.kyso.notification.service;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.IntStream;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.mailer.MailTemplate;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import vn.kyso.commons.work.Blocking;
import vn.kyso.commons.work.WakeableJob;
import vn.kyso.notification.config.NotificationConfig;
import vn.kyso.notification.model.MailDelivery;
import vn.kyso.notification.repository.MailDeliveryRepository;

/**
 * Sends due mails over SMTP; a failed send is retried with back-off until the server takes it, so an SMTP outage
 * delays mail but loses none. Replicas and concurrent senders share the work through row locks.
 */
@ApplicationScoped
public class MailDispatcher {

    private static final Logger LOG = Logger.getLogger(MailDispatcher.class);

    private final MailDeliveryRepository deliveries;
    private final MailComposer composer;
    private final AcceptanceRecords records;
    private final NotificationConfig config;
    // One job per SMTP session, each on its own context: concurrent reactive sessions must not share one.
    private final List<WakeableJob> senders;

    public MailDispatcher(MailDeliveryRepository deliveries, MailComposer composer, AcceptanceRecords records,
            NotificationConfig config, Vertx vertx) {
        this.deliveries = deliveries;
        this.composer = composer;
        this.records = records;
        this.config = config;
        this.senders = IntStream.range(0, config.senders())
                .mapToObj(i -> new WakeableJob("Mail sender " + i, vertx, this::drain)).toList();
    }

    /** Sends now what is due; called after a consumer committed new deliveries. */
    public void wake() {
        senders.forEach(WakeableJob::wake);
    }

    void onShutdown(@Observes ShutdownEvent event) {
        senders.forEach(WakeableJob::stop);
    }

    @Scheduled(every = "${kyso.notification.poll-interval:1s}", delayed = "1s",
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void poll() {
        wake();
    }

    /** Sends due mails one after another until none is left. */
    Uni<Integer> drain() {
        return dispatchOne().chain(sent -> sent ? drain().map(more -> more + 1) : Uni.createFrom().item(0));
    }

    /**
     * Claim, send, record: the claim commits before SMTP is involved and the outcome is written afterwards, retried
     * through a database outage, so a database failure can no longer roll a mail the SMTP server accepted back to
     * pending. Only a sender that dies between SMTP's acceptance and that write leaves a second send (after its lease),
     * and the mail's stable Message-ID lets receiving systems drop that copy: SMTP has no transaction to join.
     */
    private Uni<Boolean> dispatchOne() {
        return Panache.withTransaction(() -> deliveries.claimDue(Instant.now(), config.sendLease()))
                .chain(d -> d == null ? Uni.createFrom().item(false) : send(d).replaceWith(true));
    }

    private Uni<Void> send(MailDelivery d) {
        // Composing opens the sealed code (an RSA-3072 private-key operation): off the event loop, which also runs
        // the consumers and the other senders.
        Uni<MailTemplate.MailTemplateInstance> ready = Blocking.onWorker(() -> composer.compose(d))
                .chain(mail -> MailTemplateKind.ACCOUNT_ACTIVATED.name().equals(d.template)
                        ? records.signedRecord(composer.accountId(d)).map(pdf -> mail.addAttachment(
                                "bien-ban-nghiem-thu.pdf", pdf, "application/pdf"))
                        : Uni.createFrom().item(mail));
        return ready.chain(MailTemplate.MailTemplateInstance::send)
                .onItemOrFailure().transformToUni((ignored, failure) -> failure == null ? sent(d) : failed(d, failure));
    }

    private Uni<Void> sent(MailDelivery d) {
        int attempts = d.attempts + 1;
        LOG.infof("Mail %s (%s) delivered to SMTP after %d attempt(s)", d.id, d.template, attempts);
        Instant at = Instant.now();
        return record(d, () -> deliveries.markSent(d.id, attempts, at));
    }

    private Uni<Void> failed(MailDelivery d, Throwable e) {
        int attempts = d.attempts + 1;
        long factor = 1L << Math.min(attempts - 1, 16);
        Duration wait = config.retryInitialBackoff().multipliedBy(factor);
        if (wait.compareTo(config.retryMaxBackoff()) > 0) {
            wait = config.retryMaxBackoff();
        }
        // The reason only: SMTP errors never contain the message body, and nothing else is recorded.
        String reason = e.getClass().getSimpleName() + ": " + e.getMessage();
        String lastError = reason.length() > 500 ? reason.substring(0, 500) : reason;
        LOG.warnf("Mail %s (%s) not delivered (attempt %d), retry in %s: %s", d.id, d.template, attempts, wait,
                lastError);
        Instant next = Instant.now().plus(wait);
        return record(d, () -> deliveries.markFailed(d.id, attempts, next, lastError));
    }

    /** Writes a send's outcome, waiting out a database outage: giving up would let the lease end in a second send. */
    private Uni<Void> record(MailDelivery d, Supplier<Uni<Integer>> update) {
        return Panache.withTransaction(update).replaceWithVoid()
                .onFailure().invoke(e -> LOG.warnf("Outcome of mail %s not recorded yet, retrying: %s", d.id, e))
                .onFailure().retry().withBackOff(Duration.ofMillis(200), Duration.ofSeconds(5)).indefinitely();
    }
}
