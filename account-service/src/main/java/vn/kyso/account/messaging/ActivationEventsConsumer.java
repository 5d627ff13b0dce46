package vn.kyso.account.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.smallrye.mutiny.Uni;
import vn.kyso.account.service.AccountService;
import vn.kyso.commons.inbox.IdempotentConsumer;
import vn.kyso.commons.inbox.IncomingEvent;
import vn.kyso.commons.outbox.OutboxRelay;
import vn.kyso.events.EventTypes;
import vn.kyso.events.activation.ActivationCompleted;

/** Activates the account when its activation wizard completes — once per event. */
@ApplicationScoped
public class ActivationEventsConsumer {

    private final IdempotentConsumer idempotent;
    private final AccountService accounts;
    private final OutboxRelay relay;

    public ActivationEventsConsumer(IdempotentConsumer idempotent, AccountService accounts, OutboxRelay relay) {
        this.idempotent = idempotent;
        this.accounts = accounts;
        this.relay = relay;
    }

    @Incoming("activation-events")
    public Uni<Void> onActivationEvent(ConsumerRecord<String, String> record) {
        String type = IncomingEvent.typeOf(record);
        if (type != null && !EventTypes.ACTIVATION_COMPLETED.type().equals(type)) {
            return Uni.createFrom().voidItem();
        }
        return idempotent.process("account-activation", record,
                        event -> accounts.activate(event.payload(ActivationCompleted.class).accountId()))
                .invoke(relay::wake)
                .replaceWithVoid();
    }
}
