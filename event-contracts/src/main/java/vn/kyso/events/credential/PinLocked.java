package vn.kyso.events.credential;

import java.time.Instant;
import java.util.UUID;

/**
 * Too many wrong PINs locked a credential: nothing signs until the subscriber resets the PIN with the bound device.
 * The subscriber is told (a security notice): someone may be guessing.
 */
public record PinLocked(
        UUID accountId,
        UUID credentialId,
        int failures,
        Instant lockedAt) {
}
