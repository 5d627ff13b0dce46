package vn.kyso.activation.messaging;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.smallrye.mutiny.Uni;
import vn.kyso.activation.model.AcceptanceStatus;
import vn.kyso.activation.service.AcceptanceService;
import vn.kyso.commons.inbox.IdempotentConsumer;
import vn.kyso.commons.inbox.IncomingEvent;
import vn.kyso.events.EventCodec;
import vn.kyso.events.EventTypes;

/**
 * Step 4/4's outcome: signing-service says the acceptance record's transaction was signed, rejected or expired. Every
 * other signature (integrators' documents) is none of this service's business: skipped on the event's requester alone,
 * without touching the database, since every integrator signature on the platform passes through here.
 */
@ApplicationScoped
public class SignatureEventsConsumer {

    private final IdempotentConsumer idempotent;
    private final AcceptanceService acceptance;

    public SignatureEventsConsumer(IdempotentConsumer idempotent, AcceptanceService acceptance) {
        this.idempotent = idempotent;
        this.acceptance = acceptance;
    }

    @Incoming("signature-events")
    public Uni<Void> onSignatureEvents(ConsumerRecords<String, String> records) {
        return idempotent.processBatch("signature-events", records, this::onSignatureEvent, acceptance::wake);
    }

    Uni<Void> onSignatureEvent(ConsumerRecord<String, String> record) {
        AcceptanceStatus outcome = outcome(IncomingEvent.typeOf(record));
        UUID transactionId = uuid(record.key());
        if (outcome == null || transactionId == null || !requestedByKyso(record.value())) {
            return Uni.createFrom().voidItem();
        }
        return acceptance.isOurs(transactionId).chain(ours -> !ours ? Uni.createFrom().voidItem()
                : idempotent.process("activation-acceptance", record,
                        e -> acceptance.signatureFinished(transactionId, outcome))
                        .replaceWithVoid());
    }

    private static AcceptanceStatus outcome(String type) {
        if (EventTypes.SIGNATURE_COMPLETED.type().equals(type)) {
            return AcceptanceStatus.TO_COLLECT;
        }
        if (EventTypes.SIGNATURE_REJECTED.type().equals(type)) {
            return AcceptanceStatus.REJECTED;
        }
        if (EventTypes.SIGNATURE_EXPIRED.type().equals(type)) {
            return AcceptanceStatus.EXPIRED;
        }
        return null;
    }

    /** Only Kyso's own services ask for the acceptance record; events without a requester are checked the long way. */
    private static boolean requestedByKyso(String payload) {
        try {
            String type = EventCodec.fromJson(payload, Requester.class).requesterType();
            return type == null || "KYSO".equals(type);
        } catch (RuntimeException e) {
            return true;
        }
    }

    private record Requester(String requesterType) {
    }

    private static UUID uuid(String key) {
        try {
            return key == null ? null : UUID.fromString(key);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
