package vn.kyso.notification.service;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
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
import vn.kyso.commons.work.WakeableJob;
import vn.kyso.notification.config.NotificationConfig;
import vn.kyso.notification.model.DeliveryStatus;
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
     * One mail per transaction: its SENT mark commits right after the SMTP server accepted it, so a crash can resend
     * at most the mail in flight (SMTP has no transaction to join), and its stable Message-ID lets mail systems drop
     * that copy.
     */
    private Uni<Boolean> dispatchOne() {
        return Panache.withTransaction(() -> deliveries.lockDue(Instant.now(), 1).chain(due -> due.isEmpty()
                ? Uni.createFrom().item(false)
                : sendOne(due.get(0)).replaceWith(true)));
    }

    private Uni<Void> sendOne(MailDelivery d) {
        MailTemplate.MailTemplateInstance mail;
        try {
            mail = composer.compose(d);
        } catch (RuntimeException e) {
            failed(d, e);
            return Uni.createFrom().voidItem();
        }
        Uni<MailTemplate.MailTemplateInstance> ready = MailTemplateKind.ACCOUNT_ACTIVATED.name().equals(d.template)
                ? records.signedRecord(composer.accountId(d)).map(pdf -> mail.addAttachment(
                        "bien-ban-nghiem-thu.pdf", pdf, "application/pdf"))
                : Uni.createFrom().item(mail);
        return ready.chain(MailTemplate.MailTemplateInstance::send)
                .invoke(() -> {
                    d.attempts++;
                    d.status = DeliveryStatus.SENT;
                    d.sentAt = Instant.now();
                    d.lastError = null;
                    LOG.infof("Mail %s (%s) delivered to SMTP after %d attempt(s)", d.id, d.template, d.attempts);
                })
                .onFailure().recoverWithItem(e -> {
                    failed(d, e);
                    return null;
                });
    }

    private void failed(MailDelivery d, Throwable e) {
        d.attempts++;
        long factor = 1L << Math.min(d.attempts - 1, 16);
        Duration wait = config.retryInitialBackoff().multipliedBy(factor);
        if (wait.compareTo(config.retryMaxBackoff()) > 0) {
            wait = config.retryMaxBackoff();
        }
        d.nextAttemptAt = Instant.now().plus(wait);
        // The reason only: SMTP errors never contain the message body, and nothing else is recorded.
        String reason = e.getClass().getSimpleName() + ": " + e.getMessage();
        d.lastError = reason.length() > 500 ? reason.substring(0, 500) : reason;
        LOG.warnf("Mail %s (%s) not delivered (attempt %d), retry in %s: %s", d.id, d.template, d.attempts, wait,
                d.lastError);
    }
}
