package vn.kyso.ca.rest;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import vn.kyso.ca.model.IssuedCertificate;
import vn.kyso.commons.crypto.Pem;

/**
 * An issued certificate as the API shows it.
 *
 * @param certificate PEM
 * @param chain the issuing CA then the root, PEM
 */
public record CertificateView(String serialNumber, UUID accountId, UUID credentialId, String profile, String subject,
        String keyType, String status, Instant notBefore, Instant notAfter, Instant revokedAt, String revocationReason,
        String certificate, List<String> chain) {

    static CertificateView of(IssuedCertificate c, List<String> chain) {
        return new CertificateView(c.serialNumber, c.accountId, c.credentialId, c.profile, c.subject, c.keyType,
                c.status.name(), c.notBefore, c.notAfter, c.revokedAt, c.revocationReason,
                Pem.encode("CERTIFICATE", c.certificate), chain);
    }
}
