package vn.kyso.notification.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.smallrye.mutiny.Uni;
import vn.kyso.commons.inbox.IdempotentConsumer;
import vn.kyso.commons.inbox.IncomingEvent;
import vn.kyso.events.EventTypes;
import vn.kyso.notification.service.MailDispatcher;
import vn.kyso.notification.service.MailQueue;

/** Tells the subscriber, once per event, that a credential's TH delegation ended and why (a security notice). */
@ApplicationScoped
public class CredentialEventsConsumer {

    static final String CONSUMER = "delegation-ended-mail";

    private final IdempotentConsumer idempotent;
    private final MailQueue queue;
    private final MailDispatcher dispatcher;

    public CredentialEventsConsumer(IdempotentConsumer idempotent, MailQueue queue, MailDispatcher dispatcher) {
        this.idempotent = idempotent;
        this.queue = queue;
        this.dispatcher = dispatcher;
    }

    @Incoming("credential-events")
    public Uni<Void> onCredentialEvent(ConsumerRecord<String, String> record) {
        String eventId = IncomingEvent.idOf(record);
        return idempotent.processOnly(EventTypes.DELEGATION_ENDED, CONSUMER, record,
                        ended -> queue.enqueueDelegationEnded(eventId, ended))
                .invoke(dispatcher::wake)
                .replaceWithVoid();
    }
}
