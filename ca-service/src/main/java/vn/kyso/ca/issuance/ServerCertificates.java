package vn.kyso.ca.issuance;

import java.security.SecureRandom;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import vn.kyso.ca.config.CaConfig;
import vn.kyso.ca.crypto.CaSigner;
import vn.kyso.ca.crypto.CertificateMaker;
import vn.kyso.ca.crypto.CsrInspector;
import vn.kyso.ca.crypto.NameAttribute;
import vn.kyso.ca.model.CertificateStatus;
import vn.kyso.ca.model.IssuedCertificate;
import vn.kyso.ca.profile.CertificateProfile;
import vn.kyso.ca.profile.ProfileRegistry;
import vn.kyso.ca.repository.IssuedCertificateRepository;
import vn.kyso.ca.service.CaError;
import vn.kyso.ca.service.CaKeys;
import vn.kyso.commons.audit.AuditLog;
import vn.kyso.commons.problem.ProblemException;
import vn.kyso.commons.work.Blocking;

/**
 * The pipeline for Kyso's own TLS endpoints (signing-service's HTTPS for NEAC clients): parse + proof of possession →
 * grant the names against the server profile's list → build → sign with the issuing CA → verify → persist, so OCSP,
 * the CRL and revocation treat the certificate like any other. It certifies no account, so no account event follows.
 */
@ApplicationScoped
public class ServerCertificates {

    private static final Logger LOG = Logger.getLogger(ServerCertificates.class);
    /** More names than any of Kyso's endpoints needs is a mistake, not a use. */
    static final int MAX_NAMES = 16;

    private final ProfileRegistry profiles;
    private final IssuedCertificateRepository certificates;
    private final CaKeys keys;
    private final CaConfig config;
    private final AuditLog audit;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    public ServerCertificates(ProfileRegistry profiles, IssuedCertificateRepository certificates, CaKeys keys,
            CaConfig config, AuditLog audit, Clock clock) {
        this.profiles = profiles;
        this.certificates = certificates;
        this.keys = keys;
        this.config = config;
        this.audit = audit;
        this.clock = clock;
    }

    /** @throws ProblemException with a {@link CaError} when refused; nothing is written then */
    @WithTransaction
    public Uni<IssuedCertificate> issue(byte[] csrDer, List<String> requestedNames, String profileName,
            String operator) {
        CertificateProfile profile = profiles.find(profileName).orElseThrow(
                () -> new ProblemException(CaError.PROFILE_UNKNOWN, "No certificate profile named " + profileName));
        if (!profile.forServers()) {
            throw new ProblemException(CaError.PROFILE_NOT_FOR_SERVERS, "Profile " + profile.name()
                    + " has no server names: it does not certify TLS servers");
        }
        List<String> names = grantNames(profile, requestedNames);
        CaSigner issuer = keys.issuing();
        return Blocking.onWorker(() -> {
            CsrInspector.InspectedCsr csr = IssuancePipeline.parse(csrDer);
            IssuancePipeline.checkKey(csr, profile);
            return new Built(buildSignVerify(profile, csr, names, issuer), csr.keyType());
        }).chain(built -> persist(profile, built, operator));
    }

    static List<String> grantNames(CertificateProfile profile, List<String> requested) {
        if (requested == null || requested.isEmpty() || requested.size() > MAX_NAMES) {
            throw new ProblemException(CaError.VALIDATION_FAILED, "names: between 1 and " + MAX_NAMES
                    + " DNS names or IP addresses are required");
        }
        LinkedHashSet<String> names = new LinkedHashSet<>();
        for (String name : requested) {
            String n = name == null ? "" : name.strip().toLowerCase(Locale.ROOT);
            if (!profile.serverNames().contains(n)) {
                throw new ProblemException(CaError.SERVER_NAME_NOT_ALLOWED, "Profile " + profile.name()
                        + " does not certify the name '" + (n.length() > 253 ? n.substring(0, 253) : n) + "'");
            }
            names.add(n);
        }
        return List.copyOf(names);
    }

    private X509Certificate buildSignVerify(CertificateProfile profile, CsrInspector.InspectedCsr csr,
            List<String> names, CaSigner issuer) {
        String first = names.stream().filter(n -> !CertificateMaker.isIpLiteral(n)).findFirst().orElse(names.get(0));
        List<NameAttribute> subject = new ArrayList<>();
        for (CertificateProfile.SubjectTemplate part : profile.subject()) {
            subject.add(new NameAttribute(part.type(), part.value().replace("{serverName}", first)));
        }
        Instant notBefore = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        Instant notAfter = notBefore.plus(profile.validity());
        Instant caEnd = issuer.certificate().getNotAfter().toInstant();
        String base = config.publicUrl().replaceAll("/+$", "");
        CertificateMaker.EndEntitySpec spec = new CertificateMaker.EndEntitySpec(subject, csr.publicKey(),
                Serials.next(random), notBefore, notAfter.isAfter(caEnd) ? caEnd : notAfter, profile.keyUsage(),
                profile.extendedKeyUsage(), base + "/ca/issuing.crt", base + "/ocsp", base + "/crl", names);
        return CertificateMaker.verifyIssued(CertificateMaker.endEntity(spec, issuer), issuer.certificate(),
                csr.publicKey());
    }

    private record Built(X509Certificate x509, String keyType) {
    }

    private Uni<IssuedCertificate> persist(CertificateProfile profile, Built built, String operator) {
        X509Certificate x509 = built.x509();
        IssuedCertificate certificate = new IssuedCertificate();
        certificate.serialNumber = Serials.hex(x509.getSerialNumber());
        certificate.profile = profile.name();
        certificate.subject = CertificateMaker.subjectOf(x509);
        certificate.keyType = built.keyType();
        certificate.publicKeySha256 = Serials.sha256Hex(x509.getPublicKey().getEncoded());
        try {
            certificate.certificate = x509.getEncoded();
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
        certificate.notBefore = x509.getNotBefore().toInstant();
        certificate.notAfter = x509.getNotAfter().toInstant();
        certificate.status = CertificateStatus.GOOD;
        certificate.issuedAt = clock.instant();
        return certificates.persist(certificate)
                .call(() -> audit.append("ServerCertificateIssued", certificate.serialNumber, operator,
                        Map.of("serial", certificate.serialNumber, "profile", profile.name(), "subject",
                                certificate.subject)))
                .invoke(() -> LOG.infof("issued server certificate %s (%s)", certificate.serialNumber,
                        certificate.subject));
    }
}
