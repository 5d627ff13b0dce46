package vn.kyso.notification.messaging;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.smallrye.mutiny.Uni;
import vn.kyso.commons.inbox.IdempotentConsumer;
import vn.kyso.commons.inbox.IncomingEvent;
import vn.kyso.events.EventTypes;
import vn.kyso.notification.service.Notices;
import vn.kyso.notification.service.Notifier;

/** Tells the subscriber, once per event, that a credential's TH delegation ended and why (a security notice). */
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
    public Uni<Void> onCredentialEvent(ConsumerRecord<String, String> record) {
        String eventId = IncomingEvent.idOf(record);
        Instant sentAt = Instant.ofEpochMilli(record.timestamp());
        return idempotent.processOnly(EventTypes.DELEGATION_ENDED, CONSUMER, record,
                        ended -> notifier.notify(ended.accountId(), Notices.delegationEnded(eventId, ended), sentAt))
                .invoke(notifier::wake)
                .replaceWithVoid();
    }
}
