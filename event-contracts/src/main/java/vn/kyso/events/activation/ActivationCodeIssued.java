package vn.kyso.events.activation;

import java.time.Instant;
import java.util.UUID;

/**
 * A new activation code was issued for an account (at creation or on resend); the code itself is never in the event.
 *
 * @param activationId the aggregate id of the activation
 * @param reason {@code ACCOUNT_CREATED} or {@code RESEND}
 */
public record ActivationCodeIssued(UUID activationId, UUID accountId, String reason, Instant expiresAt,
        Instant issuedAt) {
}
