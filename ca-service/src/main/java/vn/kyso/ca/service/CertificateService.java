package vn.kyso.ca.service;

import java.math.BigInteger;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

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
import vn.kyso.events.certificate.CertificateResumed;
import vn.kyso.events.certificate.CertificateSuspended;

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

    /**
     * Revokes at once, for good (a certificate on hold too): the event tells signing-service to stop, OCSP answers
     * revoked, a new CRL is published. A hold is {@link #suspend}'s, not a revocation reason here.
     */
    public Uni<IssuedCertificate> revoke(String serial, String reason, String operator) {
        if (OcspResponder.reasonCode(reason).isEmpty() || OcspResponder.HOLD.equals(reason)) {
            return Uni.createFrom().failure(new ProblemException(CaError.REVOCATION_REASON_INVALID,
                    "reason must be one of unspecified, keyCompromise, affiliationChanged, superseded, "
                            + "cessationOfOperation, privilegeWithdrawn (a hold is a suspension: POST .../suspend)"));
        }
        return change(serial, certificate -> {
            if (certificate.status == CertificateStatus.REVOKED) {
                throw new ProblemException(CaError.CERTIFICATE_ALREADY_REVOKED,
                        "Certificate " + certificate.serialNumber + " was revoked at " + certificate.revokedAt);
            }
            Instant now = clock.instant();
            certificate.status = CertificateStatus.REVOKED;
            certificate.revokedAt = now;
            certificate.revocationReason = reason;
            // A server certificate certifies no account: OCSP and the CRL say it, no subscriber's service needs to.
            Uni<?> event = certificate.accountId == null ? Uni.createFrom().voidItem()
                    : outbox.append(EventTypes.CERTIFICATE_REVOKED, certificate.serialNumber, new CertificateRevoked(
                            certificate.accountId, certificate.credentialId, certificate.serialNumber, reason, now));
            return event.call(() -> audit.append("CertificateRevoked", String.valueOf(certificate.accountId),
                    operator, Map.of("serial", certificate.serialNumber, "reason", reason)));
        }, "revoked certificate %s (" + reason + ")");
    }

    /**
     * Puts a valid certificate on hold (RFC 5280 {@code certificateHold}): OCSP answers revoked with that reason, a new
     * CRL lists it, and signing-service refuses its key until {@link #resume} or a revocation.
     */
    public Uni<IssuedCertificate> suspend(String serial, String actor) {
        return change(serial, certificate -> {
            if (certificate.status != CertificateStatus.GOOD) {
                throw certificate.status == CertificateStatus.SUSPENDED
                        ? new ProblemException(CaError.CERTIFICATE_ALREADY_SUSPENDED, "Certificate "
                                + certificate.serialNumber + " has been on hold since " + certificate.revokedAt)
                        : new ProblemException(CaError.CERTIFICATE_ALREADY_REVOKED, "Certificate "
                                + certificate.serialNumber + " was revoked at " + certificate.revokedAt);
            }
            Instant now = clock.instant();
            certificate.status = CertificateStatus.SUSPENDED;
            certificate.revokedAt = now;
            certificate.revocationReason = OcspResponder.HOLD;
            Uni<?> event = certificate.accountId == null ? Uni.createFrom().voidItem()
                    : outbox.append(EventTypes.CERTIFICATE_SUSPENDED, certificate.serialNumber,
                            new CertificateSuspended(certificate.accountId, certificate.credentialId,
                                    certificate.serialNumber, now));
            return event.call(() -> audit.append("CertificateSuspended", String.valueOf(certificate.accountId),
                    actor, Map.of("serial", certificate.serialNumber)));
        }, "suspended certificate %s");
    }

    /**
     * Takes a certificate off hold (RFC 5280 {@code removeFromCRL}): OCSP answers good again and the new CRL no longer
     * lists it; signing-service lets its key sign again.
     */
    public Uni<IssuedCertificate> resume(String serial, String actor) {
        return change(serial, certificate -> {
            if (certificate.status != CertificateStatus.SUSPENDED) {
                throw new ProblemException(CaError.CERTIFICATE_NOT_SUSPENDED, "Certificate "
                        + certificate.serialNumber + " is " + certificate.status.name().toLowerCase(Locale.ROOT)
                        + ", not on hold");
            }
            Instant now = clock.instant();
            certificate.status = CertificateStatus.GOOD;
            certificate.revokedAt = null;
            certificate.revocationReason = null;
            Uni<?> event = certificate.accountId == null ? Uni.createFrom().voidItem()
                    : outbox.append(EventTypes.CERTIFICATE_RESUMED, certificate.serialNumber,
                            new CertificateResumed(certificate.accountId, certificate.credentialId,
                                    certificate.serialNumber, now));
            return event.call(() -> audit.append("CertificateResumed", String.valueOf(certificate.accountId),
                    actor, Map.of("serial", certificate.serialNumber)));
        }, "resumed certificate %s");
    }

    /** One status change in one transaction (row, event, audit), then the relay woken and a new CRL published. */
    private Uni<IssuedCertificate> change(String serial,
            java.util.function.Function<IssuedCertificate, Uni<?>> apply, String logFormat) {
        BigInteger parsed = Serials.parse(serial);
        if (parsed == null) {
            return Uni.createFrom().failure(notFound(serial));
        }
        return Panache.withTransaction(() -> certificates.findById(Serials.hex(parsed), LockModeType.PESSIMISTIC_WRITE)
                .chain(certificate -> {
                    if (certificate == null) {
                        return Uni.createFrom().failure(notFound(serial));
                    }
                    return apply.apply(certificate).replaceWith(certificate);
                })).call(changed -> {
                    relay.wake();
                    LOG.infof(logFormat, changed.serialNumber);
                    return crls.publish();
                });
    }

    private static ProblemException notFound(String serial) {
        return new ProblemException(CaError.CERTIFICATE_NOT_FOUND, "No certificate with serial number " + serial);
    }
}
