package vn.kyso.signing.credential.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.smallrye.mutiny.Uni;
import vn.kyso.commons.inbox.IdempotentConsumer;
import vn.kyso.commons.inbox.IncomingEvent;
import vn.kyso.events.EventTypes;
import vn.kyso.signing.credential.service.CertificateUpdates;

/** Certificate issued, refused, suspended, resumed or revoked → the credential follows, once per event. */
@ApplicationScoped
public class CertificateEventsConsumer {

    private final IdempotentConsumer idempotent;
    private final CertificateUpdates updates;

    public CertificateEventsConsumer(IdempotentConsumer idempotent, CertificateUpdates updates) {
        this.idempotent = idempotent;
        this.updates = updates;
    }

    @Incoming("certificate-events")
    public Uni<Void> onCertificateEvent(ConsumerRecord<String, String> record) {
        String type = IncomingEvent.typeOf(record);
        if (EventTypes.CERTIFICATE_ISSUED.type().equals(type)) {
            // Certificates an operator requested directly belong to no credential here: no transaction for them.
            java.util.concurrent.atomic.AtomicReference<String> retired = new java.util.concurrent.atomic.AtomicReference<>();
            return idempotent.processOnly(EventTypes.CERTIFICATE_ISSUED, "signing-certificate", record,
                    issued -> issued.credentialId() != null, issued -> updates.issued(issued, retired::set))
                    .call(() -> retired.get() == null ? Uni.createFrom().voidItem() : updates.destroy(retired.get()))
                    .replaceWithVoid();
        }
        if (EventTypes.CERTIFICATE_REQUEST_REJECTED.type().equals(type)) {
            return idempotent.process("signing-certificate", record,
                    e -> updates.rejected(e.payload(EventTypes.CERTIFICATE_REQUEST_REJECTED.payload()))).replaceWithVoid();
        }
        if (EventTypes.CERTIFICATE_REVOKED.type().equals(type)) {
            return idempotent.process("signing-certificate", record,
                    e -> updates.revoked(e.payload(EventTypes.CERTIFICATE_REVOKED.payload()))).replaceWithVoid();
        }
        if (EventTypes.CERTIFICATE_SUSPENDED.type().equals(type)) {
            return idempotent.process("signing-certificate", record,
                    e -> updates.suspended(e.payload(EventTypes.CERTIFICATE_SUSPENDED.payload()))).replaceWithVoid();
        }
        if (EventTypes.CERTIFICATE_RESUMED.type().equals(type)) {
            return idempotent.process("signing-certificate", record,
                    e -> updates.resumed(e.payload(EventTypes.CERTIFICATE_RESUMED.payload()))).replaceWithVoid();
        }
        return Uni.createFrom().voidItem();
    }
}
