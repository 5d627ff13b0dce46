package vn.kyso.events.signature;

import java.time.Instant;
import java.util.UUID;

/** The subscriber refused the transaction; nothing was signed. */
public record SignatureRejected(
        UUID transactionId,
        UUID accountId,
        UUID credentialId,
        Instant rejectedAt) {
}
