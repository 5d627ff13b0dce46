package vn.kyso.events.notification;

import java.time.Instant;
import java.util.UUID;

import vn.kyso.events.SealedSecret;

/**
 * signing-service asked notification-service to email the recovery code an operator approved; the code is sealed to
 * notification-service's key and bound (as associated data) to {@code recoveryId}. The address is the account's own.
 *
 * @param recoveryId the recovery the code belongs to; the Kafka key is the account id
 * @param sealedCode the code, sealed
 * @param expiresAt when the code stops working, shown in the email
 */
public record RecoveryCodeEmailRequested(
        UUID recoveryId,
        UUID accountId,
        SealedSecret sealedCode,
        Instant expiresAt) {

    /** The associated data the code is sealed with: it opens only as this recovery's code. */
    public static byte[] codeContext(UUID recoveryId) {
        return ("kyso.recovery-code:" + recoveryId).getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }
}
