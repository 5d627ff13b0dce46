package vn.kyso.events.account;

import java.time.Instant;
import java.util.UUID;

/**
 * A subscriber's login was locked (SmartCA's rule: 5 wrong passwords in a row lock it for 5 minutes).
 *
 * @param reason {@code TOO_MANY_PASSWORD_ATTEMPTS}
 * @param lockedUntil when login works again
 */
public record AccountLocked(UUID accountId, String reason, Instant lockedUntil, Instant lockedAt) {
}
