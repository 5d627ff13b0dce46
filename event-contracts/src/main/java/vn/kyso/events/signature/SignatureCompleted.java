package vn.kyso.events.signature;

import java.time.Instant;
import java.util.UUID;

/** The subscriber approved (PIN + device) and every item was signed inside custody. */
public record SignatureCompleted(
        UUID transactionId,
        UUID accountId,
        UUID credentialId,
        String serialNumber,
        int itemCount,
        Instant completedAt) {
}
