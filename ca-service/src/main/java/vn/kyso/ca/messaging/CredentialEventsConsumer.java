package vn.kyso.ca.messaging;

import java.time.Clock;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import io.smallrye.mutiny.Uni;
import vn.kyso.ca.issuance.IssuancePipeline;
import vn.kyso.ca.issuance.IssuanceRequest;
import vn.kyso.ca.model.IssuedCertificate;
import vn.kyso.ca.service.CaError;
import vn.kyso.ca.service.CertificateService;
import vn.kyso.commons.inbox.IdempotentConsumer;
import vn.kyso.commons.outbox.Outbox;
import vn.kyso.commons.outbox.OutboxRelay;
import vn.kyso.commons.problem.ProblemException;
import vn.kyso.events.EventTypes;
import vn.kyso.events.certificate.CertificateRequestRejected;
import vn.kyso.events.credential.KeyPairActivated;

/**
 * Certifies every activated key pair once, and makes each subscriber's own hold, resumption or revocation once. A
 * refused request is answered with {@code CertificateRequestRejected} so the credential does not wait forever; an
 * account not yet in the read model is retried (its event is on another topic and may simply be behind).
 */
@ApplicationScoped
public class CredentialEventsConsumer {

    private static final Logger LOG = Logger.getLogger(CredentialEventsConsumer.class);

    private final IdempotentConsumer idempotent;
    private final IssuancePipeline pipeline;
    private final CertificateService certificates;
    private final Outbox outbox;
    private final OutboxRelay relay;
    private final Clock clock;

    public CredentialEventsConsumer(IdempotentConsumer idempotent, IssuancePipeline pipeline,
            CertificateService certificates, Outbox outbox, OutboxRelay relay, Clock clock) {
        this.idempotent = idempotent;
        this.pipeline = pipeline;
        this.certificates = certificates;
        this.outbox = outbox;
        this.relay = relay;
        this.clock = clock;
    }

    @Incoming("credential-events")
    public Uni<Void> onCredentialEvents(ConsumerRecords<String, String> records) {
        return idempotent.processBatch("credential-events", records, this::onCredentialEvent, relay::wake);
    }

    Uni<Void> onCredentialEvent(ConsumerRecord<String, String> record) {
        AtomicReference<IssuancePipeline.Issued> outcome = new AtomicReference<>();
        AtomicReference<IssuedCertificate> changed = new AtomicReference<>();
        return idempotent.processOnly(EventTypes.KEY_PAIR_ACTIVATED, "ca-issuance", record,
                        activated -> issue(activated, outcome))
                .chain(() -> outcome.get() == null ? Uni.createFrom().voidItem()
                        : certificates.afterIssue(outcome.get()))
                .chain(() -> idempotent.processOnly(EventTypes.CERTIFICATE_CHANGE_REQUESTED, "ca-subscriber-changes",
                        record, requested -> certificates.bySubscriber(requested).invoke(changed::set)
                                .replaceWithVoid()))
                .chain(() -> changed.get() == null ? Uni.createFrom().voidItem()
                        : certificates.afterChange(changed.get()))
                .replaceWithVoid();
    }

    private Uni<Void> issue(KeyPairActivated activated, AtomicReference<IssuancePipeline.Issued> outcome) {
        byte[] csr;
        try {
            csr = Base64.getDecoder().decode(activated.csr() == null ? "" : activated.csr());
        } catch (IllegalArgumentException e) {
            csr = new byte[0];
        }
        return pipeline.issue(new IssuanceRequest(activated.accountId(), activated.credentialId(), csr, null, true))
                .invoke(outcome::set)
                .replaceWithVoid()
                .onFailure(e -> e instanceof ProblemException p && p.code() != CaError.ACCOUNT_UNKNOWN
                        && p.code() != CaError.CA_NOT_READY)
                .recoverWithUni(e -> {
                    ProblemException refused = (ProblemException) e;
                    LOG.warnf("refused the certificate request of credential %s: %s", activated.credentialId(),
                            refused.code().name());
                    return outbox.append(EventTypes.CERTIFICATE_REQUEST_REJECTED, activated.credentialId(),
                            new CertificateRequestRejected(activated.accountId(), activated.credentialId(),
                                    refused.code().name(), clock.instant())).replaceWithVoid();
                });
    }
}
