package vn.kyso.events.certificate;

import java.time.Instant;
import java.util.UUID;

/**
 * A certificate was put on hold (RFC 5280 {@code certificateHold}): OCSP answers revoked and the CRL lists it, and
 * signing with its key stops until it is resumed or revoked for good.
 *
 * @param credentialId null for a certificate certifying no credential (a server certificate)
 */
public record CertificateSuspended(
        UUID accountId,
        UUID credentialId,
        String serialNumber,
        Instant suspendedAt) {
}
