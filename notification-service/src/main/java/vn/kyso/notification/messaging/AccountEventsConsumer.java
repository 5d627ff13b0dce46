package vn.kyso.notification.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.smallrye.mutiny.Uni;
import vn.kyso.commons.inbox.IdempotentConsumer;
import vn.kyso.commons.inbox.IncomingEvent;
import vn.kyso.events.EventTypes;
import vn.kyso.notification.service.MailDispatcher;
import vn.kyso.notification.service.MailQueue;

/**
 * Sends the welcome email for every new account and the "activated" email (with the signed acceptance record) for
 * every activated one, once per event however often Kafka delivers it.
 */
@ApplicationScoped
public class AccountEventsConsumer {

    static final String CONSUMER = "welcome-mail";
    static final String ACTIVATED_CONSUMER = "activated-mail";

    private final IdempotentConsumer idempotent;
    private final MailQueue queue;
    private final MailDispatcher dispatcher;

    public AccountEventsConsumer(IdempotentConsumer idempotent, MailQueue queue, MailDispatcher dispatcher) {
        this.idempotent = idempotent;
        this.queue = queue;
        this.dispatcher = dispatcher;
    }

    @Incoming("account-events")
    public Uni<Void> onAccountEvents(ConsumerRecords<String, String> records) {
        return idempotent.processBatch("account-events", records, this::onAccountEvent, dispatcher::wake);
    }

    Uni<Void> onAccountEvent(ConsumerRecord<String, String> record) {
        String eventId = IncomingEvent.idOf(record);
        if (EventTypes.ACCOUNT_ACTIVATED.type().equals(IncomingEvent.typeOf(record))) {
            return idempotent.processOnly(EventTypes.ACCOUNT_ACTIVATED, ACTIVATED_CONSUMER, record,
                            activated -> queue.enqueueActivated(eventId, activated))
                    .replaceWithVoid();
        }
        return idempotent.processOnly(EventTypes.ACCOUNT_CREATED, CONSUMER, record,
                        account -> queue.enqueueWelcome(eventId, account))
                .replaceWithVoid();
    }
}
