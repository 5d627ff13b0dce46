package vn.kyso.events.certificate;

import java.time.Instant;
import java.util.UUID;

/**
 * A certificate was revoked; signing with its key must stop at once.
 *
 * @param reason the RFC 5280 CRLReason name, e.g. {@code keyCompromise}, {@code superseded}
 */
public record CertificateRevoked(
        UUID accountId,
        UUID credentialId,
        String serialNumber,
        String reason,
        Instant revokedAt) {
}
