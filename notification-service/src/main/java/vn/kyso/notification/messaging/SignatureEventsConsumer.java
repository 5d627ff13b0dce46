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
import vn.kyso.notification.service.Notices;
import vn.kyso.notification.service.Notifier;

/**
 * Tells the subscriber, once per request, that an integrator's signing request waits for approval (push and mail, as
 * chosen); the subscriber's own documents, asked for in the portal they are looking at, are not announced.
 */
@ApplicationScoped
public class SignatureEventsConsumer {

    static final String CONSUMER = "signature-requested-notice";

    private final IdempotentConsumer idempotent;
    private final Notifier notifier;

    public SignatureEventsConsumer(IdempotentConsumer idempotent, Notifier notifier) {
        this.idempotent = idempotent;
        this.notifier = notifier;
    }

    @Incoming("signature-events")
    public Uni<Void> onSignatureEvents(ConsumerRecords<String, String> records) {
        return idempotent.processBatch("signature-events", records, this::onSignatureEvent, notifier::wake);
    }

    Uni<Void> onSignatureEvent(ConsumerRecord<String, String> record) {
        String eventId = IncomingEvent.idOf(record);
        Instant sentAt = Instant.ofEpochMilli(record.timestamp());
        return idempotent.processOnly(EventTypes.SIGNATURE_REQUESTED, CONSUMER, record,
                        requested -> !"SUBSCRIBER".equals(requested.requesterType()),
                        requested -> notifier.notify(requested.accountId(),
                                Notices.signatureRequested(eventId, requested), sentAt))
                .replaceWithVoid();
    }
}
