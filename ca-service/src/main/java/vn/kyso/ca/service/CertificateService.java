package vn.kyso.ca.service;

import java.math.BigInteger;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import vn.kyso.ca.crypto.OcspResponder;
import vn.kyso.ca.issuance.IssuancePipeline;
import vn.kyso.ca.issuance.IssuanceRequest;
import vn.kyso.ca.issuance.Serials;
import vn.kyso.ca.model.CertificateStatus;
import vn.kyso.ca.model.IssuedCertificate;
import vn.kyso.ca.repository.IssuedCertificateRepository;
import vn.kyso.commons.audit.AuditLog;
import vn.kyso.commons.outbox.Outbox;
import vn.kyso.commons.outbox.OutboxRelay;
import vn.kyso.commons.problem.ProblemException;
import vn.kyso.events.EventTypes;
import vn.kyso.events.certificate.CertificateRevoked;

/** Issuing through the API, looking certificates up, and revoking them. */
@ApplicationScoped
public class CertificateService {

    private static final Logger LOG = Logger.getLogger(CertificateService.class);

    private final IssuancePipeline pipeline;
    private final AuditLog audit;
    private final IssuedCertificateRepository certificates;
    private final CrlService crls;
    private final Outbox outbox;
    private final OutboxRelay relay;
    private final Clock clock;

    public CertificateService(IssuancePipeline pipeline, IssuedCertificateRepository certificates, CrlService crls,
            Outbox outbox, OutboxRelay relay, Clock clock, AuditLog audit) {
        this.audit = audit;
        this.pipeline = pipeline;
        this.certificates = certificates;
        this.crls = crls;
        this.outbox = outbox;
        this.relay = relay;
        this.clock = clock;
    }

    public Uni<IssuancePipeline.Issued> issue(IssuanceRequest request) {
        return Panache.withTransaction(() -> pipeline.issue(request)).call(issued -> afterIssue(issued));
    }

    /** After the issuing transaction: announce, and republish the CRL if older certificates were superseded. */
    public Uni<Void> afterIssue(IssuancePipeline.Issued issued) {
        relay.wake();
        return issued.supersededOthers() ? crls.publish().replaceWithVoid() : Uni.createFrom().voidItem();
    }

    public Uni<IssuedCertificate> find(String serial) {
        BigInteger parsed = Serials.parse(serial);
        if (parsed == null) {
            return Uni.createFrom().failure(notFound(serial));
        }
        return Panache.withSession(() -> certificates.findById(Serials.hex(parsed)))
                .onItem().ifNull().failWith(() -> notFound(serial));
    }

    public Uni<List<IssuedCertificate>> forAccount(UUID accountId) {
        return Panache.withSession(() -> certificates.byAccount(accountId));
    }

    /** Revokes at once: the event tells signing-service to stop, OCSP answers revoked, a new CRL is published. */
    public Uni<IssuedCertificate> revoke(String serial, String reason, String operator) {
        if (OcspResponder.reasonCode(reason).isEmpty()) {
            return Uni.createFrom().failure(new ProblemException(CaError.REVOCATION_REASON_INVALID,
                    "reason must be one of unspecified, keyCompromise, affiliationChanged, superseded, "
                            + "cessationOfOperation, privilegeWithdrawn"));
        }
        BigInteger parsed = Serials.parse(serial);
        if (parsed == null) {
            return Uni.createFrom().failure(notFound(serial));
        }
        return Panache.withTransaction(() -> certificates.findById(Serials.hex(parsed)).chain(certificate -> {
            if (certificate == null) {
                return Uni.createFrom().failure(notFound(serial));
            }
            if (certificate.status == CertificateStatus.REVOKED) {
                return Uni.createFrom().failure(new ProblemException(CaError.CERTIFICATE_ALREADY_REVOKED,
                        "Certificate " + certificate.serialNumber + " was revoked at " + certificate.revokedAt));
            }
            Instant now = clock.instant();
            certificate.status = CertificateStatus.REVOKED;
            certificate.revokedAt = now;
            certificate.revocationReason = reason;
            // A server certificate certifies no account: OCSP and the CRL say it, no subscriber's service needs to.
            Uni<?> event = certificate.accountId == null ? Uni.createFrom().voidItem()
                    : outbox.append(EventTypes.CERTIFICATE_REVOKED, certificate.serialNumber, new CertificateRevoked(
                            certificate.accountId, certificate.credentialId, certificate.serialNumber, reason, now));
            return event
                    .call(() -> audit.append("CertificateRevoked", String.valueOf(certificate.accountId), operator,
                            Map.of("serial", certificate.serialNumber, "reason", reason)))
                    .replaceWith(certificate);
        })).call(revoked -> {
            relay.wake();
            LOG.infof("revoked certificate %s (%s)", revoked.serialNumber, reason);
            return crls.publish();
        });
    }

    private static ProblemException notFound(String serial) {
        return new ProblemException(CaError.CERTIFICATE_NOT_FOUND, "No certificate with serial number " + serial);
    }
}
