package vn.kyso.events.serviceprovider;

import java.time.Instant;
import java.util.UUID;

/** An SP's secret was replaced; the old one stops working. Carries only the new secret's SHA-256. */
public record ServiceProviderSecretRotated(UUID spId, String secretSha256, Instant rotatedAt) {
}
