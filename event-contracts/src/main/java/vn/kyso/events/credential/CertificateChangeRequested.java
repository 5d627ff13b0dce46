package vn.kyso.events.credential;

import java.time.Instant;
import java.util.UUID;

/**
 * The subscriber, with PIN and device, asked for their credential's certificate to be put on hold, taken off hold or
 * revoked; signing-service already stopped (or, for a resumption, still refuses) signing, and ca-service makes the
 * change in OCSP and the CRL and answers with {@code CertificateSuspended}, {@code CertificateResumed} or
 * {@code CertificateRevoked}.
 *
 * @param serialNumber the certificate the credential held when asked (hex); ca-service changes only that one, and
 *     only if it certifies this account's credential
 * @param change {@code SUSPEND}, {@code RESUME} or {@code REVOKE}
 * @param reason for {@code REVOKE}: the RFC 5280 reason the subscriber gave ({@code keyCompromise},
 *     {@code affiliationChanged}, {@code cessationOfOperation} or {@code unspecified}); null otherwise
 */
public record CertificateChangeRequested(
        UUID credentialId,
        UUID accountId,
        String serialNumber,
        String change,
        String reason,
        Instant requestedAt) {

    public static final String SUSPEND = "SUSPEND";
    public static final String RESUME = "RESUME";
    public static final String REVOKE = "REVOKE";
}
