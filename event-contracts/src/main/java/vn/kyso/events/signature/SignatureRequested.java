package vn.kyso.events.signature;

import java.time.Instant;
import java.util.UUID;

/**
 * A signing transaction now waits for the subscriber's approval.
 *
 * @param requesterType {@code KYSO}, {@code SP}, {@code CSC}, {@code NEAC} or {@code SUBSCRIBER} (the subscriber's
 *        own document, from the portal)
 * @param requesterId the requesting service or integrator
 * @param firstContact the first request of an integrator the subscriber has not allowed or blocked yet (approving it
 *        allows the integrator); null in records written before it existed, read as false
 */
public record SignatureRequested(
        UUID transactionId,
        UUID accountId,
        UUID credentialId,
        String requesterType,
        String requesterId,
        String appName,
        String description,
        int itemCount,
        Instant requestedAt,
        Instant expiresAt,
        Boolean firstContact) {

    public SignatureRequested(UUID transactionId, UUID accountId, UUID credentialId, String requesterType,
            String requesterId, String appName, String description, int itemCount, Instant requestedAt,
            Instant expiresAt) {
        this(transactionId, accountId, credentialId, requesterType, requesterId, appName, description, itemCount,
                requestedAt, expiresAt, null);
    }
}
