package vn.kyso.events.credential;

import java.time.Instant;
import java.util.UUID;

/**
 * A subscriber who lost the bound device asked to recover the credential; an operator must verify who asks before
 * anything changes. The subscriber is told by mail, so a request they did not make is noticed.
 */
public record DeviceRecoveryRequested(
        UUID accountId,
        UUID credentialId,
        UUID recoveryId,
        Instant requestedAt) {
}
