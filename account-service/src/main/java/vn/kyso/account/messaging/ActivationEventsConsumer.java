package vn.kyso.account.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.smallrye.mutiny.Uni;
import vn.kyso.account.service.AccountService;
import vn.kyso.commons.inbox.IdempotentConsumer;
import vn.kyso.commons.outbox.OutboxRelay;
import vn.kyso.events.EventTypes;

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
    public Uni<Void> onActivationEvents(ConsumerRecords<String, String> records) {
        return idempotent.processBatch("activation-events", records, this::onActivationEvent, relay::wake);
    }

    Uni<Void> onActivationEvent(ConsumerRecord<String, String> record) {
        return idempotent.processOnly(EventTypes.ACTIVATION_COMPLETED, "account-activation", record,
                        completed -> accounts.activate(completed.accountId()))
                .replaceWithVoid();
    }
}
