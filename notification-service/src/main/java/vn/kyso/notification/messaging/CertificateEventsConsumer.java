package vn.kyso.notification.messaging;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.smallrye.mutiny.Uni;
import vn.kyso.commons.inbox.IdempotentConsumer;
import vn.kyso.commons.inbox.IncomingEvent;
import vn.kyso.events.EventTypes;
import vn.kyso.notification.service.ExpiryNotices;
import vn.kyso.notification.service.Notices;
import vn.kyso.notification.service.Notifier;

/**
 * Tells the subscriber, once per event, that a certificate of theirs was issued, suspended, resumed or revoked (the
 * last three are security notices and always go by mail), and watches issued ones for their expiry notices.
 * Certificates of no subscriber (servers') are skipped.
 */
@ApplicationScoped
public class CertificateEventsConsumer {

    static final String CONSUMER = "certificate-notice";

    private final IdempotentConsumer idempotent;
    private final Notifier notifier;
    private final ExpiryNotices expiry;

    public CertificateEventsConsumer(IdempotentConsumer idempotent, Notifier notifier, ExpiryNotices expiry) {
        this.idempotent = idempotent;
        this.notifier = notifier;
        this.expiry = expiry;
    }

    @Incoming("certificate-events")
    public Uni<Void> onCertificateEvents(ConsumerRecords<String, String> records) {
        return idempotent.processBatch("certificate-events", records, this::onCertificateEvent, notifier::wake);
    }

    Uni<Void> onCertificateEvent(ConsumerRecord<String, String> record) {
        String eventId = IncomingEvent.idOf(record);
        Instant sentAt = Instant.ofEpochMilli(record.timestamp());
        String type = IncomingEvent.typeOf(record);
        Uni<Boolean> handled;
        if (EventTypes.CERTIFICATE_SUSPENDED.type().equals(type)) {
            handled = idempotent.processOnly(EventTypes.CERTIFICATE_SUSPENDED, CONSUMER, record,
                    c -> c.accountId() != null && c.credentialId() != null,
                    c -> notifier.notify(c.accountId(), Notices.certificateSuspended(eventId, c), sentAt));
        } else if (EventTypes.CERTIFICATE_RESUMED.type().equals(type)) {
            handled = idempotent.processOnly(EventTypes.CERTIFICATE_RESUMED, CONSUMER, record,
                    c -> c.accountId() != null && c.credentialId() != null,
                    c -> notifier.notify(c.accountId(), Notices.certificateResumed(eventId, c), sentAt));
        } else if (EventTypes.CERTIFICATE_REVOKED.type().equals(type)) {
            handled = idempotent.processOnly(EventTypes.CERTIFICATE_REVOKED, CONSUMER, record,
                    c -> c.accountId() != null && c.credentialId() != null,
                    // A superseded certificate was replaced by the one whose issue is announced (renewal, new key).
                    c -> ("superseded".equals(c.reason()) ? Uni.createFrom().voidItem()
                            : notifier.notify(c.accountId(), Notices.certificateRevoked(eventId, c), sentAt))
                            .chain(() -> expiry.revoked(c.serialNumber())));
        } else {
            handled = idempotent.processOnly(EventTypes.CERTIFICATE_ISSUED, CONSUMER, record,
                    c -> c.accountId() != null && c.credentialId() != null,
                    c -> expiry.replacesAnother(c).chain(renewed -> notifier.notify(c.accountId(),
                            Notices.certificateIssued(eventId, c, renewed), sentAt)).chain(() -> expiry.issued(c)));
        }
        return handled.replaceWithVoid();
    }
}
