package vn.kyso.events.certificate;

import java.time.Instant;
import java.util.UUID;

/**
 * A suspended certificate is valid again (RFC 5280 {@code removeFromCRL}): OCSP answers good, the next CRL no longer
 * lists it, and its key may sign again.
 *
 * @param credentialId null for a certificate certifying no credential (a server certificate)
 */
public record CertificateResumed(
        UUID accountId,
        UUID credentialId,
        String serialNumber,
        Instant resumedAt) {
}
