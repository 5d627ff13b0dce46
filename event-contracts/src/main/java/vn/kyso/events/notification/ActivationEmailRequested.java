package vn.kyso.events.notification;

import java.time.Instant;
import java.util.UUID;

import vn.kyso.events.SealedSecret;

/**
 * activation-service asked notification-service to email a subscriber's activation code; the code is sealed to
 * notification-service's key and bound (as associated data) to {@code activationId}.
 *
 * @param activationId the activation the code belongs to; the Kafka key is the account id
 * @param sealedCode the 6-digit code, sealed
 * @param expiresAt when the code stops working, shown in the email
 */
public record ActivationEmailRequested(
        UUID activationId,
        UUID accountId,
        String identifier,
        String fullName,
        String email,
        SealedSecret sealedCode,
        Instant expiresAt) {

    /** The associated data the code is sealed with: it opens only as this activation's code. */
    public static byte[] codeContext(UUID activationId) {
        return ("kyso.activation-code:" + activationId).getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }
}
