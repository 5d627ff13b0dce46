package vn.kyso.events.certificate;

import java.time.Instant;
import java.util.UUID;

/**
 * ca-service refused a credential's certificate request; nothing was issued.
 *
 * @param reason a code from ca-service's error vocabulary, e.g. {@code CSR_PROOF_OF_POSSESSION_FAILED}
 */
public record CertificateRequestRejected(
        UUID accountId,
        UUID credentialId,
        String reason,
        Instant rejectedAt) {
}
