package vn.kyso.ca.issuance;

import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.smallrye.mutiny.Uni;
import vn.kyso.ca.config.CaConfig;
import vn.kyso.ca.crypto.CaSigner;
import vn.kyso.ca.crypto.CertificateMaker;
import vn.kyso.ca.crypto.CsrInspector;
import vn.kyso.ca.crypto.NameAttribute;
import vn.kyso.ca.model.AccountRecord;
import vn.kyso.ca.model.CertificateStatus;
import vn.kyso.ca.model.CustodyKey;
import vn.kyso.ca.model.IssuedCertificate;
import vn.kyso.ca.profile.CertificateProfile;
import vn.kyso.ca.profile.ProfileRegistry;
import vn.kyso.ca.repository.AccountRecordRepository;
import vn.kyso.ca.repository.CustodyKeyRepository;
import vn.kyso.ca.repository.IssuedCertificateRepository;
import vn.kyso.ca.service.CaError;
import vn.kyso.ca.service.CaKeys;
import vn.kyso.commons.crypto.custody.KeyAlgorithm;
import vn.kyso.commons.audit.AuditLog;
import vn.kyso.commons.outbox.Outbox;
import vn.kyso.commons.problem.ProblemException;
import vn.kyso.commons.work.Blocking;
import vn.kyso.events.EventTypes;
import vn.kyso.events.certificate.CertificateIssued;
import vn.kyso.events.certificate.CertificateRevoked;

/**
 * Issuance as a pipeline: parse the CSR and check proof of possession → grant against the profile (key, subject from
 * the account, validity, and for a subscriber's identity a key in Kyso's custody) → build → sign (issuing CA key in
 * custody) → verify what was signed → persist → outbox. Runs inside the caller's transaction, so the certificate and
 * its event commit together or not at all.
 */
@ApplicationScoped
public class IssuancePipeline {

    private static final Logger LOG = Logger.getLogger(IssuancePipeline.class);

    private final ProfileRegistry profiles;
    private final AccountRecordRepository accounts;
    private final CustodyKeyRepository custodyKeys;
    private final IssuedCertificateRepository certificates;
    private final CaKeys keys;
    private final CaConfig config;
    private final Outbox outbox;
    private final AuditLog audit;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    public IssuancePipeline(ProfileRegistry profiles, AccountRecordRepository accounts,
            CustodyKeyRepository custodyKeys, IssuedCertificateRepository certificates, CaKeys keys, CaConfig config,
            Outbox outbox, Clock clock, AuditLog audit) {
        this.audit = audit;
        this.profiles = profiles;
        this.accounts = accounts;
        this.custodyKeys = custodyKeys;
        this.certificates = certificates;
        this.keys = keys;
        this.config = config;
        this.outbox = outbox;
        this.clock = clock;
    }

    /** The outcome: the certificate, and whether this call issued it (false: the same key was certified before). */
    public record Issued(IssuedCertificate certificate, boolean fresh, boolean supersededOthers) {
    }

    /** @throws ProblemException with a {@link CaError} when the request is refused; nothing is written then */
    public Uni<Issued> issue(IssuanceRequest request) {
        CertificateProfile profile = profiles.find(request.profile()).orElseThrow(
                () -> new ProblemException(CaError.PROFILE_UNKNOWN, "No certificate profile named " + request.profile()));
        if (profile.forServers()) {
            throw new ProblemException(CaError.PROFILE_NOT_FOR_ACCOUNTS, "Profile " + profile.name()
                    + " certifies Kyso's TLS endpoints, not an account: use /api/v1/server-certificates");
        }
        CaSigner issuer = keys.issuing();
        return Blocking.onWorker(() -> parse(request))
                .chain(csr -> accounts.findById(request.accountId()).chain(account -> {
                    Grant grant = grant(request, csr, profile, account, issuer);
                    String keyHash = Serials.sha256Hex(csr.publicKey().getEncoded());
                    return inCustody(request, profile, keyHash).chain(() -> issue(request, profile, grant, keyHash,
                            issuer));
                }));
    }

    /**
     * Sole control: a profile that certifies a subscriber's identity certifies only a key signing-service generated
     * in its custody for a credential of that very account. signing-service's announcement records the key; any
     * other request must name that credential and carry that key.
     */
    private Uni<Void> inCustody(IssuanceRequest request, CertificateProfile profile, String keyHash) {
        if (request.announcedByCustody()) {
            return custodyKeys.recordOnce(request.credentialId(), keyHash, request.accountId(), clock.instant());
        }
        if (!profile.custodyKeysOnly()) {
            return Uni.createFrom().voidItem();
        }
        ProblemException refused = new ProblemException(CaError.KEY_NOT_IN_CUSTODY, "Profile " + profile.name()
                + " certifies a subscriber's identity only for a key generated in Kyso's custody: name the credential"
                + " (credentialId) whose key the CSR carries");
        if (request.credentialId() == null) {
            return Uni.createFrom().failure(refused);
        }
        return custodyKeys.findById(new CustodyKey.Id(request.credentialId(), keyHash))
                .chain(known -> known != null && known.accountId.equals(request.accountId())
                        ? Uni.createFrom().voidItem() : Uni.createFrom().failure(refused));
    }

    private Uni<Issued> issue(IssuanceRequest request, CertificateProfile profile, Grant grant, String keyHash,
            CaSigner issuer) {
        // One read answers both questions: was this very key certified before, and what would it supersede.
        Uni<List<IssuedCertificate>> earlier = request.credentialId() == null ? Uni.createFrom().item(List.of())
                : certificates.forCredential(request.credentialId());
        return earlier.chain(credentials -> {
            IssuedCertificate existing = credentials.stream().filter(c -> keyHash.equals(c.publicKeySha256))
                    .findFirst().orElse(null);
            if (existing != null) {
                return Uni.createFrom().item(new Issued(existing, false, false));
            }
            List<IssuedCertificate> superseded = credentials.stream().filter(c -> c.status == CertificateStatus.GOOD
                    || c.status == CertificateStatus.SUSPENDED).toList();
            return Blocking.onWorker(() -> buildSignVerify(grant, issuer))
                    .chain(certificate -> persist(request, profile, grant, keyHash, certificate, superseded));
        });
    }

    static CsrInspector.InspectedCsr parse(IssuanceRequest request) {
        return parse(request.csr());
    }

    /** Parse and proof of possession, the pipeline's first stage for any kind of certificate. */
    static CsrInspector.InspectedCsr parse(byte[] der) {
        CsrInspector.InspectedCsr csr;
        try {
            csr = CsrInspector.inspect(der);
        } catch (IllegalArgumentException e) {
            throw new ProblemException(CaError.CSR_MALFORMED, "The CSR is not a DER-encoded PKCS#10 request");
        }
        if (!csr.proofOfPossession()) {
            throw new ProblemException(CaError.CSR_PROOF_OF_POSSESSION_FAILED,
                    "The CSR's signature does not verify with the key it carries");
        }
        return csr;
    }

    private record Grant(CertificateProfile profile, CsrInspector.InspectedCsr csr, List<NameAttribute> subject,
            Instant notBefore, Instant notAfter) {
    }

    private Grant grant(IssuanceRequest request, CsrInspector.InspectedCsr csr, CertificateProfile profile,
            AccountRecord account, CaSigner issuer) {
        checkKey(csr, profile);
        if (account == null) {
            throw new ProblemException(CaError.ACCOUNT_UNKNOWN, "No account " + request.accountId());
        }
        if (csr.commonName() != null && !csr.commonName().equals(request.accountId().toString())) {
            throw new ProblemException(CaError.CSR_SUBJECT_MISMATCH,
                    "The CSR's subject must be empty or CN=<accountId> of the account it is for");
        }
        Instant notBefore = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        Instant notAfter = notBefore.plus(profile.validity());
        Instant caEnd = issuer.certificate().getNotAfter().toInstant();
        return new Grant(profile, csr, subject(profile, account), notBefore, notAfter.isAfter(caEnd) ? caEnd : notAfter);
    }

    /** The key the CSR carries is one the profile allows and strong enough. */
    static void checkKey(CsrInspector.InspectedCsr csr, CertificateProfile profile) {
        KeyAlgorithm key = KeyAlgorithm.fromWireName(csr.keyType()).orElse(null);
        boolean weak = (csr.keyType().startsWith("RSA-") && csr.keyBits() < 2048)
                || (csr.keyType().startsWith("EC-") && csr.keyBits() < 256);
        if (weak) {
            throw new ProblemException(CaError.CSR_WEAK_KEY, "A " + csr.keyType() + " key is too weak; profile "
                    + profile.name() + " allows " + allowed(profile));
        }
        if (key == null || !profile.keyAlgorithms().contains(key)) {
            throw new ProblemException(CaError.CSR_KEY_ALGORITHM_NOT_ALLOWED, "Profile " + profile.name()
                    + " allows " + allowed(profile) + ", not " + csr.keyType());
        }
    }

    private static String allowed(CertificateProfile profile) {
        return String.join(", ", profile.keyAlgorithms().stream().map(KeyAlgorithm::wireName).sorted().toList());
    }

    static List<NameAttribute> subject(CertificateProfile profile, AccountRecord account) {
        Map<String, String> values = Map.of(
                "fullName", Objects.toString(account.fullName, ""),
                "province", Objects.toString(account.province, ""),
                "locality", Objects.toString(account.locality, ""),
                "idType", Objects.toString(account.idType, ""),
                "identifier", Objects.toString(account.identifier, ""));
        List<NameAttribute> subject = new ArrayList<>();
        for (CertificateProfile.SubjectTemplate part : profile.subject()) {
            String value = part.value();
            boolean empty = false;
            for (var entry : values.entrySet()) {
                String placeholder = "{" + entry.getKey() + "}";
                if (value.contains(placeholder)) {
                    empty |= entry.getValue().isBlank();
                    value = value.replace(placeholder, entry.getValue().strip());
                }
            }
            if (!empty && !value.isBlank()) {
                subject.add(new NameAttribute(part.type(), value));
            }
        }
        return subject;
    }

    private X509Certificate buildSignVerify(Grant grant, CaSigner issuer) {
        String base = config.publicUrl().replaceAll("/+$", "");
        CertificateMaker.EndEntitySpec spec = new CertificateMaker.EndEntitySpec(grant.subject(),
                grant.csr().publicKey(), Serials.next(random), grant.notBefore(), grant.notAfter(),
                grant.profile().keyUsage(), grant.profile().extendedKeyUsage(), base + "/ca/issuing.crt",
                base + "/ocsp", base + "/crl", List.of());
        byte[] der = CertificateMaker.endEntity(spec, issuer);
        // Verify what was signed before anyone sees it: a custody or encoding fault must not leave the building.
        return CertificateMaker.verifyIssued(der, issuer.certificate(), grant.csr().publicKey());
    }

    private Uni<Issued> persist(IssuanceRequest request, CertificateProfile profile, Grant grant, String keyHash,
            X509Certificate x509, List<IssuedCertificate> older) {
        Instant now = clock.instant();
        IssuedCertificate certificate = new IssuedCertificate();
        certificate.serialNumber = Serials.hex(x509.getSerialNumber());
        certificate.accountId = request.accountId();
        certificate.credentialId = request.credentialId();
        certificate.profile = profile.name();
        certificate.subject = CertificateMaker.subjectOf(x509);
        certificate.keyType = grant.csr().keyType();
        certificate.publicKeySha256 = keyHash;
        try {
            certificate.certificate = x509.getEncoded();
        } catch (java.security.cert.CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
        certificate.notBefore = x509.getNotBefore().toInstant();
        certificate.notAfter = x509.getNotAfter().toInstant();
        certificate.status = CertificateStatus.GOOD;
        certificate.issuedAt = now;
        Base64.Encoder b64 = Base64.getEncoder();
        List<String> chain = keys.chain().stream().map(c -> {
            try {
                return b64.encodeToString(c.getEncoded());
            } catch (java.security.cert.CertificateEncodingException e) {
                throw new IllegalStateException(e);
            }
        }).toList();
        Uni<Boolean> superseded = supersede(older, now).replaceWith(!older.isEmpty());
        return superseded.chain(revokedOthers -> certificates.persist(certificate)
                .chain(() -> outbox.append(EventTypes.CERTIFICATE_ISSUED, certificate.serialNumber,
                        new CertificateIssued(certificate.accountId, certificate.credentialId, certificate.serialNumber,
                                b64.encodeToString(certificate.certificate), chain, certificate.notBefore,
                                certificate.notAfter, now)))
                // Who asked: signing-service for a key it generated in custody, or an operator by hand.
                .call(() -> audit.append(request.announcedByCustody() ? "CertificateIssued"
                        : "CertificateIssuedByOperator", String.valueOf(certificate.accountId),
                        request.announcedByCustody() ? "service:signing-service" : "operator",
                        Map.of("serial", certificate.serialNumber, "profile", profile.name(), "credential",
                                String.valueOf(certificate.credentialId))))
                .invoke(() -> LOG.infof("issued certificate %s for account %s (profile %s)", certificate.serialNumber,
                        certificate.accountId, profile.name()))
                .replaceWith(new Issued(certificate, true, revokedOthers)));
    }

    /** A credential's new key replaces its old one: the old certificates are revoked as superseded. */
    private Uni<Void> supersede(List<IssuedCertificate> older, Instant now) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (IssuedCertificate old : older) {
            old.status = CertificateStatus.REVOKED;
            old.revokedAt = now;
            old.revocationReason = "superseded";
            chain = chain.chain(() -> outbox.append(EventTypes.CERTIFICATE_REVOKED, old.serialNumber,
                    new CertificateRevoked(old.accountId, old.credentialId, old.serialNumber, "superseded", now)))
                    .chain(() -> audit.append("CertificateRevoked", String.valueOf(old.accountId), null,
                            Map.of("serial", old.serialNumber, "reason", "superseded")))
                    .replaceWithVoid();
        }
        return chain;
    }
}
