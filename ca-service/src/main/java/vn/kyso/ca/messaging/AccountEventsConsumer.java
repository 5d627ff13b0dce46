package vn.kyso.ca.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.smallrye.mutiny.Uni;
import vn.kyso.ca.model.AccountRecord;
import vn.kyso.ca.repository.AccountRecordRepository;
import vn.kyso.commons.inbox.IdempotentConsumer;
import vn.kyso.events.EventTypes;

/** Keeps the account read model that certificate subjects are built from. */
@ApplicationScoped
public class AccountEventsConsumer {

    private final IdempotentConsumer idempotent;
    private final AccountRecordRepository accounts;

    public AccountEventsConsumer(IdempotentConsumer idempotent, AccountRecordRepository accounts) {
        this.idempotent = idempotent;
        this.accounts = accounts;
    }

    @Incoming("account-events")
    public Uni<Void> onAccountEvents(ConsumerRecords<String, String> records) {
        return idempotent.processBatch("account-events", records, this::onAccountEvent);
    }

    Uni<Void> onAccountEvent(ConsumerRecord<String, String> record) {
        return idempotent.processOnly(EventTypes.ACCOUNT_CREATED, "ca-account-record", record,
                created -> accounts.findById(created.accountId()).chain(existing -> {
                    AccountRecord account = existing != null ? existing : new AccountRecord();
                    account.accountId = created.accountId();
                    account.identifier = created.identifier();
                    account.idType = created.idType();
                    account.fullName = created.fullName();
                    account.province = created.province();
                    account.locality = created.locality();
                    account.updatedAt = created.createdAt();
                    return existing != null ? Uni.createFrom().voidItem() : accounts.persist(account).replaceWithVoid();
                })).replaceWithVoid();
    }
}
