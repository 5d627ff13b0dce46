package vn.kyso.notification.service;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.mailer.MailTemplate;
import io.smallrye.mutiny.Uni;
import vn.kyso.commons.delivery.Delivery;
import vn.kyso.commons.delivery.DeliveryChannel;
import vn.kyso.commons.delivery.DeliveryQueue;
import vn.kyso.commons.work.Blocking;
import vn.kyso.notification.config.NotificationConfig;

/**
 * Mail as a channel of service-commons' delivery queue: a sender claims a due mail and commits, renders and hands it
 * to SMTP outside any transaction, then the queue records the outcome; a failed send is retried with back-off until
 * the server takes it, so an SMTP outage delays mail but loses none. A sender that dies after SMTP accepted a mail and
 * before the outcome was written leaves it to be sent again after its lease, with the same Message-ID, which receiving
 * systems use to drop the copy: SMTP has no transaction to join.
 */
@ApplicationScoped
public class MailDispatcher implements DeliveryChannel {

    public static final String CHANNEL = "mail";

    private final DeliveryQueue queue;
    private final MailComposer composer;
    private final AcceptanceRecords records;
    private final NotificationConfig config;

    public MailDispatcher(DeliveryQueue queue, MailComposer composer, AcceptanceRecords records,
            NotificationConfig config) {
        this.queue = queue;
        this.composer = composer;
        this.records = records;
        this.config = config;
    }

    /** Sends now what is due; called after a consumer committed new mails. */
    public void wake() {
        queue.wake(CHANNEL);
    }

    @Override
    public String name() {
        return CHANNEL;
    }

    @Override
    public Policy policy() {
        // Retried until the SMTP server takes it: mail is never given up.
        return new Policy(Integer.MAX_VALUE, config.retryInitialBackoff(), config.retryMaxBackoff(),
                config.sendLease(), config.senders());
    }

    @Override
    public Uni<Void> send(Delivery d) {
        // Composing opens the sealed code (an RSA-3072 private-key operation): off the event loop, which also runs
        // the consumers and the other senders.
        Uni<MailTemplate.MailTemplateInstance> ready = Blocking.onWorker(() -> composer.compose(d))
                .chain(mail -> MailTemplateKind.ACCOUNT_ACTIVATED == composer.kind(d)
                        ? records.signedRecord(composer.accountId(d)).map(pdf -> mail.addAttachment(
                                "bien-ban-nghiem-thu.pdf", pdf, "application/pdf"))
                        : Uni.createFrom().item(mail));
        return ready.chain(MailTemplate.MailTemplateInstance::send);
    }
}
