package vn.kyso.signing.service;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import vn.kyso.signing.config.SigningConfig;
import vn.kyso.signing.model.Credential;
import vn.kyso.signing.model.ServiceProvider;
import vn.kyso.signing.repository.CredentialRepository;
import vn.kyso.signing.repository.ServiceProviderRepository;
import vn.kyso.signing.repository.SubscriberRepository;

/** What both integrator APIs (SP769 and CSC) need: the SP behind an id + secret, and a subscriber's credentials. */
@ApplicationScoped
public class Integrators {

    private final ServiceProviderRepository providers;
    private final SubscriberRepository subscribers;
    private final CredentialRepository credentials;
    private final SigningConfig.IntegratorLockout lockout;
    private final Clock clock;

    public Integrators(ServiceProviderRepository providers, SubscriberRepository subscribers,
            CredentialRepository credentials, SigningConfig config, Clock clock) {
        this.providers = providers;
        this.subscribers = subscribers;
        this.credentials = credentials;
        this.lockout = config.integratorLockout();
        this.clock = clock;
    }

    /**
     * The enabled SP whose secret this is, or null (unknown, disabled, locked out or wrong secret — never said which).
     * Wrong secrets are counted; the configured number in a row locks the SP out for a while, the right secret
     * included, so a secret cannot be guessed at the API's speed.
     */
    public Uni<ServiceProvider> authenticate(String spId, String secret) {
        UUID id = uuid(spId);
        if (id == null || secret == null || secret.isEmpty() || secret.length() > 256) {
            return Uni.createFrom().nullItem();
        }
        return Panache.withSession(() -> providers.findById(id)).chain(sp -> {
            if (sp == null || sp.disabledAt != null) {
                return Uni.createFrom().nullItem();
            }
            if (locked(sp)) {
                return Uni.createFrom().nullItem();
            }
            byte[] presented = sha256Hex(secret).getBytes(StandardCharsets.US_ASCII);
            byte[] expected = sp.secretSha256.toLowerCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII);
            if (MessageDigest.isEqual(presented, expected)) {
                // The hot path stays read-only: only a count left by earlier wrong secrets is written.
                return sp.failedAttempts == 0 ? Uni.createFrom().item(sp)
                        : Panache.withTransaction(() -> providers.update(
                                "failedAttempts = 0 where spId = ?1 and failedAttempts > 0", id)).replaceWith(sp);
            }
            return recordFailure(id).replaceWith((ServiceProvider) null);
        });
    }

    /** Whether the SP is locked out now (too many wrong secrets or SADs). */
    public boolean locked(ServiceProvider sp) {
        return sp.lockedUntil != null && clock.instant().isBefore(sp.lockedUntil);
    }

    /**
     * Counts a wrong secret or a forged, foreign or spent SAD against the SP; the configured number in a row locks it
     * out. One atomic statement, so replicas counting at once never lose a try.
     */
    public Uni<Void> recordFailure(UUID spId) {
        return Panache.withTransaction(() -> providers.update("lockedUntil = case when failedAttempts + 1 >= ?2 "
                + "then ?3 else lockedUntil end, failedAttempts = case when failedAttempts + 1 >= ?2 then 0 "
                + "else failedAttempts + 1 end where spId = ?1", spId, lockout.attempts(),
                clock.instant().plus(lockout.duration()))).replaceWithVoid();
    }

    /** Every credential of the subscriber(s) with this ID number, newest first. */
    public Uni<List<Credential>> credentialsOf(String identifier) {
        if (identifier == null || identifier.isBlank() || identifier.length() > 64) {
            return Uni.createFrom().item(List.of());
        }
        return Panache.withSession(() -> subscribers.byIdentifier(identifier.strip()).chain(found -> found.isEmpty()
                ? Uni.createFrom().item(List.<Credential>of())
                : credentials.list("accountId in ?1", Sort.descending("createdAt"),
                        found.stream().map(s -> s.accountId).toList())));
    }

    static UUID uuid(String value) {
        try {
            return value == null ? null : UUID.fromString(value.strip());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** Hex SHA-256 of a text: how SP secrets and SADs are kept (they are random, so a fast hash suffices). */
    static String sha256Hex(String value) {
        return java.util.HexFormat.of().formatHex(TransactionService.sha256(value.getBytes(StandardCharsets.UTF_8)));
    }
}
