package vn.kyso.events.certificate;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * ca-service issued an X.509 certificate.
 *
 * @param credentialId the credential whose CSR it answers; null for a certificate an operator requested directly
 * @param serialNumber the serial in upper-case hexadecimal
 * @param certificate DER in base64
 * @param chain the issuing CA's certificate then the root's, DER in base64
 */
public record CertificateIssued(
        UUID accountId,
        UUID credentialId,
        String serialNumber,
        String certificate,
        List<String> chain,
        Instant notBefore,
        Instant notAfter,
        Instant issuedAt) {
}
