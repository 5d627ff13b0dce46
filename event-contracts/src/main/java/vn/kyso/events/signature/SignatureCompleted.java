package vn.kyso.events.signature;

import java.time.Instant;
import java.util.UUID;

/**
 * The subscriber approved (PIN + device) and every item was signed inside custody.
 *
 * @param requesterType {@code KYSO}, {@code SP} or {@code CSC}, as in {@link SignatureRequested}: lets a consumer skip
 *     other requesters' outcomes without a lookup
 * @param requesterId the requesting service or integrator
 */
public record SignatureCompleted(
        UUID transactionId,
        UUID accountId,
        UUID credentialId,
        String serialNumber,
        int itemCount,
        Instant completedAt,
        String requesterType,
        String requesterId) {
}
