package vn.kyso.events.credential;

import java.time.Instant;
import java.util.UUID;

/**
 * A subscriber created a signing credential: PIN set and device bound (wizard step 2/4). No PIN or key material inside.
 *
 * @param deviceName the name the subscriber gave the bound device
 * @param keyAlgorithm {@code RSA-2048} or {@code EC-P256}
 */
public record CredentialRegistered(
        UUID credentialId,
        UUID accountId,
        String deviceName,
        String keyAlgorithm,
        Instant registeredAt) {
}
