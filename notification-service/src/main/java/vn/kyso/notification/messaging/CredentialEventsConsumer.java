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
 * Security notices about a subscriber's credential, once per event: its TH delegation ended (and why), its PIN was
 * changed or reset, wrong PINs locked it, a recovery of a lost device was asked, or a new device was bound.
 */
@ApplicationScoped
public class CredentialEventsConsumer {

    static final String CONSUMER = "delegation-ended-mail";

    private final IdempotentConsumer idempotent;
    private final Notifier notifier;

    public CredentialEventsConsumer(IdempotentConsumer idempotent, Notifier notifier) {
        this.idempotent = idempotent;
        this.notifier = notifier;
    }

    @Incoming("credential-events")
    public Uni<Void> onCredentialEvents(ConsumerRecords<String, String> records) {
        return idempotent.processBatch("credential-events", records, this::onCredentialEvent, notifier::wake);
    }

    Uni<Void> onCredentialEvent(ConsumerRecord<String, String> record) {
        String eventId = IncomingEvent.idOf(record);
        Instant sentAt = Instant.ofEpochMilli(record.timestamp());
        String type = IncomingEvent.typeOf(record);
        Uni<Boolean> handled;
        if (EventTypes.PIN_CHANGED.type().equals(type)) {
            handled = idempotent.processOnly(EventTypes.PIN_CHANGED, CONSUMER, record,
                    changed -> notifier.notify(changed.accountId(), Notices.pinChanged(eventId, changed), sentAt));
        } else if (EventTypes.PIN_LOCKED.type().equals(type)) {
            handled = idempotent.processOnly(EventTypes.PIN_LOCKED, CONSUMER, record,
                    locked -> notifier.notify(locked.accountId(), Notices.pinLocked(eventId, locked), sentAt));
        } else if (EventTypes.DEVICE_RECOVERY_REQUESTED.type().equals(type)) {
            handled = idempotent.processOnly(EventTypes.DEVICE_RECOVERY_REQUESTED, CONSUMER, record,
                    asked -> notifier.notify(asked.accountId(), Notices.recoveryRequested(eventId, asked), sentAt));
        } else if (EventTypes.DEVICE_BOUND.type().equals(type)) {
            handled = idempotent.processOnly(EventTypes.DEVICE_BOUND, CONSUMER, record,
                    bound -> notifier.notify(bound.accountId(), Notices.deviceBound(eventId, bound), sentAt));
        } else {
            handled = idempotent.processOnly(EventTypes.DELEGATION_ENDED, CONSUMER, record,
                    ended -> notifier.notify(ended.accountId(), Notices.delegationEnded(eventId, ended), sentAt));
        }
        return handled.replaceWithVoid();
    }
}
