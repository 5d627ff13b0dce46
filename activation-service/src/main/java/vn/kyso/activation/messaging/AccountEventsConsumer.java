package vn.kyso.activation.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.smallrye.mutiny.Uni;
import vn.kyso.activation.service.ActivationService;
import vn.kyso.commons.inbox.IdempotentConsumer;
import vn.kyso.commons.outbox.OutboxRelay;
import vn.kyso.events.EventTypes;

/** Starts an activation, with its first code, for every new account — once per event. */
@ApplicationScoped
public class AccountEventsConsumer {

    private final IdempotentConsumer idempotent;
    private final ActivationService activations;
    private final OutboxRelay relay;

    public AccountEventsConsumer(IdempotentConsumer idempotent, ActivationService activations, OutboxRelay relay) {
        this.idempotent = idempotent;
        this.activations = activations;
        this.relay = relay;
    }

    @Incoming("account-events")
    public Uni<Void> onAccountEvents(ConsumerRecords<String, String> records) {
        return idempotent.processBatch("account-events", records, this::onAccountEvent, relay::wake);
    }

    Uni<Void> onAccountEvent(ConsumerRecord<String, String> record) {
        return idempotent.processOnly(EventTypes.ACCOUNT_CREATED, "activation-start", record, activations::start)
                .replaceWithVoid();
    }
}
