package vn.kyso.activation.messaging;

import java.util.Base64;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.smallrye.mutiny.Uni;
import vn.kyso.activation.model.ActivationState;
import vn.kyso.activation.service.AcceptanceService;
import vn.kyso.activation.service.ActivationService;
import vn.kyso.commons.inbox.IdempotentConsumer;
import vn.kyso.commons.inbox.IncomingEvent;
import vn.kyso.events.EventTypes;

/**
 * Wizard steps 2/4 and 3/4 as signing-service and ca-service report them: PIN set, key pair made, certificate issued
 * (which prepares step 4/4's acceptance record).
 */
@ApplicationScoped
public class CredentialEventsConsumer {

    private final IdempotentConsumer idempotent;
    private final ActivationService activations;
    private final AcceptanceService acceptance;

    public CredentialEventsConsumer(IdempotentConsumer idempotent, ActivationService activations,
            AcceptanceService acceptance) {
        this.idempotent = idempotent;
        this.activations = activations;
        this.acceptance = acceptance;
    }

    @Incoming("credential-events")
    public Uni<Void> onCredentialEvents(ConsumerRecords<String, String> records) {
        return idempotent.processBatch("credential-events", records, this::onCredentialEvent);
    }

    Uni<Void> onCredentialEvent(ConsumerRecord<String, String> record) {
        String type = IncomingEvent.typeOf(record);
        if (EventTypes.CREDENTIAL_REGISTERED.type().equals(type)) {
            return idempotent.process("activation-pin-set", record, e -> {
                var registered = e.payload(EventTypes.CREDENTIAL_REGISTERED.payload());
                return activations.advance(registered.accountId(), registered.credentialId(),
                        ActivationState.PIN_SET).replaceWithVoid();
            }).replaceWithVoid();
        }
        if (EventTypes.KEY_PAIR_ACTIVATED.type().equals(type)) {
            return idempotent.process("activation-key-active", record, e -> {
                var activated = e.payload(EventTypes.KEY_PAIR_ACTIVATED.payload());
                return activations.advance(activated.accountId(), activated.credentialId(),
                        ActivationState.KEY_ACTIVE).replaceWithVoid();
            }).replaceWithVoid();
        }
        return Uni.createFrom().voidItem();
    }

    @Incoming("certificate-events")
    public Uni<Void> onCertificateEvents(ConsumerRecords<String, String> records) {
        return idempotent.processBatch("certificate-events", records, this::onCertificateEvent, acceptance::wake);
    }

    Uni<Void> onCertificateEvent(ConsumerRecord<String, String> record) {
        return idempotent.processOnly(EventTypes.CERTIFICATE_ISSUED, "activation-cert-issued", record,
                issued -> issued.credentialId() != null,
                issued -> activations.advance(issued.accountId(), issued.credentialId(), ActivationState.CERT_ISSUED,
                        a -> {
                            // A re-key of the same credential brings a new certificate; a replay the same one.
                            if (!issued.serialNumber().equals(a.certificateSerial)) {
                                a.certificateSerial = issued.serialNumber();
                                a.certificate = Base64.getDecoder().decode(issued.certificate());
                            }
                        }).chain(a -> a == null ? Uni.createFrom().voidItem() : acceptance.prepare(a)))
                .replaceWithVoid();
    }
}
