package vn.kyso.events.signature;

import java.time.Instant;
import java.util.UUID;

/** Nobody approved the transaction in time; nothing was signed. */
public record SignatureExpired(
        UUID transactionId,
        UUID accountId,
        UUID credentialId,
        Instant expiredAt) {
}
