package vn.kyso.events.serviceprovider;

import java.time.Instant;
import java.util.UUID;

/**
 * An operator registered an integrator (SP); signing-service keeps a read model to authenticate its API calls.
 *
 * @param secretSha256 hex SHA-256 of the SP's 256-bit random secret — never the secret; a fast hash is enough (and
 *     checkable per request) because the secret is random, not chosen by a person
 */
public record ServiceProviderRegistered(UUID spId, String name, String webhookUrl, String secretSha256,
        Instant registeredAt) {
}
