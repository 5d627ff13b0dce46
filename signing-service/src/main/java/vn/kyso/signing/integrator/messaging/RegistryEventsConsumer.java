package vn.kyso.signing.integrator.messaging;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.smallrye.mutiny.Uni;
import vn.kyso.commons.inbox.IdempotentConsumer;
import vn.kyso.commons.inbox.IncomingEvent;
import vn.kyso.events.EventTypes;
import vn.kyso.signing.integrator.model.ServiceProvider;
import vn.kyso.signing.credential.model.Subscriber;
import vn.kyso.signing.integrator.repository.ServiceProviderRepository;
import vn.kyso.signing.credential.repository.SubscriberRepository;

/** Keeps the integrator APIs' read models: subscribers' identifiers and the SP registry. */
@ApplicationScoped
public class RegistryEventsConsumer {

    private final IdempotentConsumer idempotent;
    private final SubscriberRepository subscribers;
    private final ServiceProviderRepository providers;

    public RegistryEventsConsumer(IdempotentConsumer idempotent, SubscriberRepository subscribers,
            ServiceProviderRepository providers) {
        this.idempotent = idempotent;
        this.subscribers = subscribers;
        this.providers = providers;
    }

    @Incoming("account-events")
    public Uni<Void> onAccountEvents(ConsumerRecords<String, String> records) {
        return idempotent.processBatch("account-events", records, this::onAccountEvent);
    }

    Uni<Void> onAccountEvent(ConsumerRecord<String, String> record) {
        return idempotent.processOnly(EventTypes.ACCOUNT_CREATED, "signing-subscribers", record,
                created -> subscribers.findById(created.accountId()).chain(known -> {
                    if (known != null) {
                        return Uni.createFrom().voidItem();
                    }
                    Subscriber s = new Subscriber();
                    s.accountId = created.accountId();
                    s.identifier = created.identifier();
                    s.idType = created.idType();
                    s.fullName = created.fullName();
                    s.createdAt = created.createdAt() == null ? Instant.now() : created.createdAt();
                    return subscribers.persist(s).replaceWithVoid();
                })).replaceWithVoid();
    }

    @Incoming("serviceprovider-events")
    public Uni<Void> onServiceProviderEvents(ConsumerRecords<String, String> records) {
        return idempotent.processBatch("serviceprovider-events", records, this::onServiceProviderEvent);
    }

    Uni<Void> onServiceProviderEvent(ConsumerRecord<String, String> record) {
        String type = IncomingEvent.typeOf(record);
        if (EventTypes.SERVICE_PROVIDER_REGISTERED.type().equals(type)) {
            return idempotent.processOnly(EventTypes.SERVICE_PROVIDER_REGISTERED, "signing-sp-registry", record,
                    registered -> providers.findById(registered.spId()).chain(existing -> {
                        ServiceProvider sp = existing != null ? existing : new ServiceProvider();
                        sp.spId = registered.spId();
                        sp.name = registered.name();
                        sp.webhookUrl = registered.webhookUrl();
                        sp.secretSha256 = registered.secretSha256();
                        sp.redirectUris = String.join("\n", registered.redirectUris() == null
                                ? java.util.List.of() : registered.redirectUris());
                        sp.updatedAt = Instant.now();
                        return existing != null ? Uni.createFrom().voidItem() : providers.persist(sp).replaceWithVoid();
                    })).replaceWithVoid();
        }
        if (EventTypes.SERVICE_PROVIDER_SECRET_ROTATED.type().equals(type)) {
            return idempotent.processOnly(EventTypes.SERVICE_PROVIDER_SECRET_ROTATED, "signing-sp-registry", record,
                    rotated -> providers.findById(rotated.spId()).invoke(sp -> {
                        if (sp != null) {
                            sp.secretSha256 = rotated.secretSha256();
                            sp.updatedAt = Instant.now();
                        }
                    }).replaceWithVoid()).replaceWithVoid();
        }
        if (EventTypes.SERVICE_PROVIDER_REDIRECT_URIS_CHANGED.type().equals(type)) {
            return idempotent.processOnly(EventTypes.SERVICE_PROVIDER_REDIRECT_URIS_CHANGED, "signing-sp-registry",
                    record, changed -> providers.findById(changed.spId()).invoke(sp -> {
                        if (sp != null) {
                            sp.redirectUris = String.join("\n", changed.redirectUris());
                            sp.updatedAt = Instant.now();
                        }
                    }).replaceWithVoid()).replaceWithVoid();
        }
        if (EventTypes.SERVICE_PROVIDER_DISABLED.type().equals(type)) {
            return idempotent.processOnly(EventTypes.SERVICE_PROVIDER_DISABLED, "signing-sp-registry", record,
                    disabled -> providers.findById(disabled.spId()).invoke(sp -> {
                        if (sp != null) {
                            sp.disabledAt = disabled.disabledAt();
                            sp.updatedAt = Instant.now();
                        }
                    }).replaceWithVoid()).replaceWithVoid();
        }
        return Uni.createFrom().voidItem();
    }
}
