package vn.kyso.events.serviceprovider;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * An operator registered an integrator (SP); signing-service keeps a read model to authenticate its API calls.
 *
 * @param secretSha256 hex SHA-256 of the SP's 256-bit random secret — never the secret; a fast hash is enough (and
 *     checkable per request) because the secret is random, not chosen by a person
 * @param redirectUris where the OAuth 2.0 authorization-code flow may send a subscriber back, matched exactly; empty
 *     or absent (events from before the flow existed) = the SP cannot use it
 */
public record ServiceProviderRegistered(UUID spId, String name, String webhookUrl, String secretSha256,
        Instant registeredAt, List<String> redirectUris) {

    public ServiceProviderRegistered(UUID spId, String name, String webhookUrl, String secretSha256,
            Instant registeredAt) {
        this(spId, name, webhookUrl, secretSha256, registeredAt, List.of());
    }
}
