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
import vn.kyso.events.EventType;
import vn.kyso.events.EventTypes;
import vn.kyso.events.certificate.CertificateRevoked;
import vn.kyso.events.certificate.CertificateResumed;
import vn.kyso.events.certificate.CertificateSuspended;
import vn.kyso.events.credential.CertificateChangeRequested;

/** Issuing through the API, looking certificates up, and holding, resuming and revoking them. */
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
        return Panache.withTransaction(() -> pipeline.issue(request)).invoke(relay::wake).call(this::afterIssue);
    }

    /** Republishes the CRL if older certificates were superseded; the caller wakes the relay once it has committed. */
    public Uni<Void> afterIssue(IssuancePipeline.Issued issued) {
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
            return revocation(certificate, reason, operator);
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
            return suspension(certificate, actor, false);
        }, "suspended certificate %s");
    }

    /**
     * Takes a certificate off hold (RFC 5280 {@code removeFromCRL}), the subscriber's own hold too: OCSP answers good
     * again and the new CRL no longer lists it; signing-service lets its key sign again.
     */
    public Uni<IssuedCertificate> resume(String serial, String actor) {
        return change(serial, certificate -> {
            if (certificate.status != CertificateStatus.SUSPENDED) {
                throw new ProblemException(CaError.CERTIFICATE_NOT_SUSPENDED, "Certificate "
                        + certificate.serialNumber + " is " + certificate.status.name().toLowerCase(Locale.ROOT)
                        + ", not on hold");
            }
            return resumption(certificate, actor);
        }, "resumed certificate %s");
    }

    /** Revocation reasons a subscriber may give; {@code superseded} and {@code privilegeWithdrawn} are the CA's. */
    static final List<String> SUBSCRIBER_REASONS = List.of("keyCompromise", "affiliationChanged",
            "cessationOfOperation", "unspecified");

    /**
     * A subscriber's own hold, resumption or revocation, relayed by signing-service, inside the caller's transaction:
     * only for a certificate that certifies that account's credential, only from a state the change applies to, and a
     * hold is lifted only if the subscriber placed it (an operator's hold stays). Anything else is left as it is and
     * answered null. Follow with {@link #afterChange}.
     */
    public Uni<IssuedCertificate> bySubscriber(CertificateChangeRequested request) {
        BigInteger parsed = request.serialNumber() == null ? null : Serials.parse(request.serialNumber());
        if (parsed == null || request.accountId() == null || request.credentialId() == null) {
            return Uni.createFrom().nullItem();
        }
        String actor = request.accountId().toString();
        return certificates.findById(Serials.hex(parsed), LockModeType.PESSIMISTIC_WRITE).chain(certificate -> {
            if (certificate == null || !request.accountId().equals(certificate.accountId)
                    || !request.credentialId().equals(certificate.credentialId)) {
                LOG.warnf("a subscriber's %s of certificate %s names another account's or no certificate: ignored",
                        request.change(), request.serialNumber());
                return Uni.createFrom().nullItem();
            }
            String reason = request.reason();
            Uni<?> applied = switch (String.valueOf(request.change())) {
                case CertificateChangeRequested.SUSPEND -> certificate.status == CertificateStatus.GOOD
                        ? suspension(certificate, actor, true) : null;
                case CertificateChangeRequested.RESUME -> certificate.status == CertificateStatus.SUSPENDED
                        && certificate.heldBySubscriber ? resumption(certificate, actor) : null;
                case CertificateChangeRequested.REVOKE -> certificate.status != CertificateStatus.REVOKED
                        && SUBSCRIBER_REASONS.contains(reason) ? revocation(certificate, reason, actor) : null;
                default -> null;
            };
            if (applied == null) {
                LOG.infof("a subscriber's %s of certificate %s (now %s) changes nothing", request.change(),
                        certificate.serialNumber, certificate.status);
                return Uni.createFrom().nullItem();
            }
            return applied.replaceWith(certificate);
        });
    }

    /** After a change: a new CRL published; the caller wakes the relay once it has committed. */
    public Uni<Void> afterChange(IssuedCertificate changed) {
        LOG.infof("certificate %s is now %s", changed.serialNumber, changed.status);
        return crls.publish().replaceWithVoid();
    }

    private Uni<?> revocation(IssuedCertificate certificate, String reason, String actor) {
        Instant now = clock.instant();
        certificate.status = CertificateStatus.REVOKED;
        certificate.revokedAt = now;
        certificate.revocationReason = reason;
        certificate.heldBySubscriber = false;
        return announce(certificate, EventTypes.CERTIFICATE_REVOKED, new CertificateRevoked(certificate.accountId,
                certificate.credentialId, certificate.serialNumber, reason, now), "CertificateRevoked", actor,
                Map.of("serial", certificate.serialNumber, "reason", reason));
    }

    private Uni<?> suspension(IssuedCertificate certificate, String actor, boolean bySubscriber) {
        Instant now = clock.instant();
        certificate.status = CertificateStatus.SUSPENDED;
        certificate.revokedAt = now;
        certificate.revocationReason = OcspResponder.HOLD;
        certificate.heldBySubscriber = bySubscriber;
        return announce(certificate, EventTypes.CERTIFICATE_SUSPENDED, new CertificateSuspended(certificate.accountId,
                certificate.credentialId, certificate.serialNumber, now), "CertificateSuspended", actor,
                Map.of("serial", certificate.serialNumber, "by", bySubscriber ? "subscriber" : "operator"));
    }

    private Uni<?> resumption(IssuedCertificate certificate, String actor) {
        Instant now = clock.instant();
        certificate.status = CertificateStatus.GOOD;
        certificate.revokedAt = null;
        certificate.revocationReason = null;
        certificate.heldBySubscriber = false;
        return announce(certificate, EventTypes.CERTIFICATE_RESUMED, new CertificateResumed(certificate.accountId,
                certificate.credentialId, certificate.serialNumber, now), "CertificateResumed", actor,
                Map.of("serial", certificate.serialNumber));
    }

    /**
     * A status change's event and audit entry. A server certificate certifies no account: OCSP and the CRL say it, no
     * subscriber's service needs an event.
     */
    private <T> Uni<?> announce(IssuedCertificate certificate, EventType<T> type, T event, String auditKind,
            String actor, Map<String, String> detail) {
        Uni<?> published = certificate.accountId == null ? Uni.createFrom().voidItem()
                : outbox.append(type, certificate.serialNumber, event);
        return published.call(() -> audit.append(auditKind, String.valueOf(certificate.accountId), actor, detail));
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
