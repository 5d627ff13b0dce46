package vn.kyso.events.signature;

import java.time.Instant;
import java.util.UUID;

/**
 * The subscriber refused the transaction; nothing was signed.
 *
 * @param requesterType {@code KYSO}, {@code SP} or {@code CSC}, as in {@link SignatureRequested}: lets a consumer skip
 *     other requesters' outcomes without a lookup
 * @param requesterId the requesting service or integrator
 */
public record SignatureRejected(
        UUID transactionId,
        UUID accountId,
        UUID credentialId,
        Instant rejectedAt,
        String requesterType,
        String requesterId) {
}
