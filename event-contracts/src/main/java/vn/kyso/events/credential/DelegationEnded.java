package vn.kyso.events.credential;

import java.time.Instant;
import java.util.UUID;

/**
 * A credential's TH delegation (password + TOTP signing) ended; the subscriber is told, whatever the reason.
 *
 * @param reason {@code TURNED_OFF} (by the subscriber), {@code TOO_MANY_WRONG_CODES} or {@code NEW_KEY}
 */
public record DelegationEnded(
        UUID accountId,
        UUID credentialId,
        String reason,
        Instant endedAt) {
}
