package vn.kyso.notification.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.smallrye.mutiny.Uni;
import vn.kyso.commons.inbox.IdempotentConsumer;
import vn.kyso.commons.inbox.IncomingEvent;
import vn.kyso.events.EventTypes;
import vn.kyso.events.MalformedEventException;
import vn.kyso.events.notification.ActivationEmailRequested;
import vn.kyso.events.notification.RecoveryCodeEmailRequested;
import vn.kyso.notification.service.MailDispatcher;
import vn.kyso.notification.service.MailQueue;

/** Executes commands addressed to notification-service, once per command id. */
@ApplicationScoped
public class NotificationRequestsConsumer {

    private final IdempotentConsumer idempotent;
    private final MailQueue queue;
    private final MailDispatcher dispatcher;

    public NotificationRequestsConsumer(IdempotentConsumer idempotent, MailQueue queue, MailDispatcher dispatcher) {
        this.idempotent = idempotent;
        this.queue = queue;
        this.dispatcher = dispatcher;
    }

    @Incoming("notification-requests")
    public Uni<Void> onRequests(ConsumerRecords<String, String> records) {
        return idempotent.processBatch("notification-requests", records, this::onRequest, dispatcher::wake);
    }

    Uni<Void> onRequest(ConsumerRecord<String, String> record) {
        String ceType = IncomingEvent.typeOf(record);
        // Unlike domain events, a command nobody here understands is an error the sender must learn about.
        boolean recovery = EventTypes.RECOVERY_CODE_EMAIL_REQUESTED.type().equals(ceType);
        if (ceType != null && !recovery && !EventTypes.ACTIVATION_EMAIL_REQUESTED.type().equals(ceType)) {
            throw new MalformedEventException("unknown notification command " + ceType);
        }
        return idempotent.process("notification-requests", record, event -> recovery
                        ? queue.enqueueRecoveryCode(event.id(), event.payload(RecoveryCodeEmailRequested.class),
                                java.time.Instant.ofEpochMilli(record.timestamp()))
                        : queue.enqueueActivationCode(event.id(), event.payload(ActivationEmailRequested.class)))
                .replaceWithVoid();
    }
}
