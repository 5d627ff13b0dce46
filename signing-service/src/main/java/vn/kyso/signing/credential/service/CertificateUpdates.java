package vn.kyso.signing.credential.service;

import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.smallrye.mutiny.Uni;
import vn.kyso.commons.crypto.custody.KeyCustody;
import vn.kyso.commons.work.Blocking;
import vn.kyso.events.certificate.CertificateIssued;
import vn.kyso.events.certificate.CertificateRequestRejected;
import vn.kyso.events.certificate.CertificateRevoked;
import vn.kyso.events.certificate.CertificateResumed;
import vn.kyso.events.certificate.CertificateSuspended;
import vn.kyso.signing.crypto.IssuedCertificates;
import vn.kyso.signing.credential.model.Credential;
import vn.kyso.signing.credential.model.CredentialStatus;
import vn.kyso.signing.credential.repository.CredentialRepository;
import vn.kyso.signing.audit.AuditTrail;

/** What ca-service says about a credential's certificate; each runs inside the consumer's transaction. */
@ApplicationScoped
public class CertificateUpdates {

    private static final Logger LOG = Logger.getLogger(CertificateUpdates.class);
    private static final Logger SECURITY = Logger.getLogger("vn.kyso.security");

    private final CredentialRepository credentials;
    private final AuditTrail audit;
    private final Clock clock;
    private final KeyCustody custody;

    public CertificateUpdates(CredentialRepository credentials, AuditTrail audit, Clock clock, KeyCustody custody) {
        this.credentials = credentials;
        this.audit = audit;
        this.clock = clock;
        this.custody = custody;
    }

    /** Destroys a key a renewal retired (after the transaction that replaced it committed). */
    public Uni<Void> destroy(String reference) {
        return Blocking.onWorker(() -> {
            try {
                custody.destroy(reference);
            } catch (RuntimeException e) {
                LOG.warnf("could not destroy a retired key: %s", e.getMessage());
            }
            return null;
        }).replaceWithVoid();
    }

    /** The credential becomes usable, but only with a certificate for its own key. */
    public Uni<Void> issued(CertificateIssued event) {
        return issued(event, retired -> { });
    }

    /**
     * As above; a certificate for a renewal's pending key installs that key, and the key it replaces is handed to
     * {@code retired}, for the caller to destroy once this transaction committed.
     */
    public Uni<Void> issued(CertificateIssued event, java.util.function.Consumer<String> retired) {
        if (event.credentialId() == null) {
            return Uni.createFrom().voidItem();
        }
        return credentials.findById(event.credentialId()).chain(credential -> {
            if (credential == null) {
                LOG.debugf("certificate %s names no credential here", event.serialNumber());
                return Uni.createFrom().voidItem();
            }
            byte[] der;
            try {
                der = Base64.getDecoder().decode(event.certificate() == null ? "" : event.certificate());
            } catch (IllegalArgumentException e) {
                der = new byte[0];
            }
            X509Certificate certificate = IssuedCertificates.parse(der).orElse(null);
            boolean renewal = certificate != null && credential.pendingPublicKey != null
                    && IssuedCertificates.certifiesKey(certificate, credential.pendingPublicKey);
            if (certificate == null || !(renewal || IssuedCertificates.certifiesKey(certificate, credential.publicKey))
                    || !credential.accountId.equals(event.accountId())) {
                SECURITY.errorf("SECURITY: certificate %s announced for credential %s does not certify its key or "
                        + "account; rejected", event.serialNumber(), credential.id);
                return audit.record("CertificateRefused", credential.id, credential.accountId,
                        Map.of("serialNumber", String.valueOf(event.serialNumber())));
            }
            if (credential.status == CredentialStatus.REVOKED) {
                return Uni.createFrom().voidItem();
            }
            if (renewal) {
                // The renewal's key takes over; the old one (its certificate superseded) is destroyed after commit.
                retired.accept(credential.keyReference);
                credential.keyReference = credential.pendingKeyReference;
                credential.publicKey = credential.pendingPublicKey;
                credential.keyAlgorithm = credential.pendingKeyAlgorithm;
                credential.pendingKeyReference = null;
                credential.pendingPublicKey = null;
                credential.pendingKeyAlgorithm = null;
                credential.renewalRequestedAt = null;
            }
            credential.certificate = der;
            List<String> chain = event.chain() == null ? List.of() : event.chain();
            credential.caCertificate = chain.isEmpty() ? null : Base64.getDecoder().decode(chain.get(0));
            credential.rootCertificate = chain.size() < 2 ? null : Base64.getDecoder().decode(chain.get(1));
            credential.serialNumber = event.serialNumber();
            credential.certificateNotAfter = certificate.getNotAfter().toInstant();
            credential.status = CredentialStatus.ACTIVE;
            credential.failureReason = null;
            credential.updatedAt = clock.instant();
            LOG.infof("credential %s is active with certificate %s", credential.id, event.serialNumber());
            return audit.record("CertificateInstalled", credential.id, credential.accountId,
                    Map.of("serialNumber", event.serialNumber()));
        });
    }

    public Uni<Void> rejected(CertificateRequestRejected event) {
        return credentials.findById(event.credentialId()).chain(credential -> {
            if (credential == null || credential.status != CredentialStatus.CERT_PENDING) {
                return Uni.createFrom().voidItem();
            }
            credential.status = CredentialStatus.FAILED;
            credential.failureReason = event.reason();
            credential.updatedAt = clock.instant();
            LOG.warnf("credential %s: certificate refused (%s)", credential.id, event.reason());
            return audit.record("CertificateRequestRejected", credential.id, credential.accountId,
                    Map.of("reason", String.valueOf(event.reason())));
        });
    }

    /** Signing stops at once: only the certificate the credential currently holds counts. */
    public Uni<Void> revoked(CertificateRevoked event) {
        if (event.credentialId() == null) {
            return Uni.createFrom().voidItem();
        }
        return credentials.findById(event.credentialId()).chain(credential -> {
            if (credential == null || event.serialNumber() == null
                    || !event.serialNumber().equals(credential.serialNumber)) {
                return Uni.createFrom().voidItem();
            }
            if ("superseded".equals(event.reason()) && credential.pendingKeyReference != null) {
                // ca-service supersedes the old certificate when it issues the renewal's: signing pauses until that
                // certificate (on another partition, maybe a moment later) is installed; the credential lives on.
                credential.status = CredentialStatus.CERT_PENDING;
                credential.updatedAt = clock.instant();
                LOG.infof("credential %s: certificate %s superseded by its renewal", credential.id,
                        event.serialNumber());
                return Uni.createFrom().voidItem();
            }
            credential.status = CredentialStatus.REVOKED;
            credential.updatedAt = clock.instant();
            LOG.infof("credential %s revoked with its certificate %s (%s)", credential.id, event.serialNumber(),
                    event.reason());
            return audit.record("CredentialRevoked", credential.id, credential.accountId,
                    Map.of("serialNumber", event.serialNumber(), "reason", String.valueOf(event.reason())));
        });
    }

    /** The credential's current certificate is on hold: it stops signing (an older, superseded one changes nothing). */
    public Uni<Void> suspended(CertificateSuspended event) {
        return current(event.credentialId(), event.serialNumber()).chain(credential -> {
            if (credential == null || credential.status != CredentialStatus.ACTIVE) {
                return Uni.createFrom().voidItem();
            }
            credential.status = CredentialStatus.SUSPENDED;
            credential.updatedAt = clock.instant();
            LOG.infof("credential %s suspended with its certificate %s", credential.id, event.serialNumber());
            return audit.record("CredentialSuspended", credential.id, credential.accountId,
                    Map.of("serialNumber", event.serialNumber()));
        });
    }

    /** The certificate is off hold: the credential signs again, unless it was revoked meanwhile. */
    public Uni<Void> resumed(CertificateResumed event) {
        return current(event.credentialId(), event.serialNumber()).chain(credential -> {
            if (credential == null || credential.status != CredentialStatus.SUSPENDED) {
                return Uni.createFrom().voidItem();
            }
            credential.status = CredentialStatus.ACTIVE;
            credential.heldBySubscriber = false;
            credential.updatedAt = clock.instant();
            LOG.infof("credential %s resumed with its certificate %s", credential.id, event.serialNumber());
            return audit.record("CredentialResumed", credential.id, credential.accountId,
                    Map.of("serialNumber", event.serialNumber()));
        });
    }

    /** The credential the event's certificate currently certifies, or null. */
    private Uni<Credential> current(java.util.UUID credentialId, String serialNumber) {
        if (credentialId == null || serialNumber == null) {
            return Uni.createFrom().nullItem();
        }
        return credentials.findById(credentialId).map(c -> c != null && serialNumber.equals(c.serialNumber) ? c
                : null);
    }
}
