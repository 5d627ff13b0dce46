package vn.kyso.events.credential;

import java.time.Instant;
import java.util.UUID;

/**
 * A credential's PIN was set anew; the subscriber is told (a security notice), in case it was not them.
 *
 * @param how {@code CHANGED} (current PIN + device) or {@code RESET} (device only: a new key pair and certificate)
 */
public record PinChanged(
        UUID accountId,
        UUID credentialId,
        String how,
        Instant changedAt) {
}
