package vn.kyso.signing.integrator.service;

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
import vn.kyso.signing.crypto.Digests;
import vn.kyso.commons.throttle.FailureBackoff;
import vn.kyso.commons.throttle.RequestSource;
import vn.kyso.commons.throttle.Throttled;
import vn.kyso.signing.config.SigningConfig;
import vn.kyso.signing.credential.model.Credential;
import vn.kyso.signing.integrator.model.ServiceProvider;
import vn.kyso.signing.credential.repository.CredentialRepository;
import vn.kyso.signing.integrator.repository.ServiceProviderRepository;
import vn.kyso.signing.credential.repository.SubscriberRepository;

/**
 * What both integrator APIs (SP769 and CSC) need: the SP behind an id + secret, and the credentials of a subscriber
 * that SP may see.
 */
@ApplicationScoped
public class Integrators {

    private final ServiceProviderRepository providers;
    private final SubscriberRepository subscribers;
    private final CredentialRepository credentials;
    private final FailureBackoff backoff;
    private final RequestSource source;
    private final SigningConfig.LookupMode lookup;

    public Integrators(ServiceProviderRepository providers, SubscriberRepository subscribers,
            CredentialRepository credentials, SigningConfig config, Clock clock, RequestSource source) {
        this.providers = providers;
        this.subscribers = subscribers;
        this.credentials = credentials;
        SigningConfig.IntegratorBackoff b = config.integratorBackoff();
        this.backoff = new FailureBackoff(b.freeFailures(), b.base(), b.max(), clock);
        this.source = source;
        this.lookup = config.integratorLookup().mode();
    }

    /** Whether wrong credentials are counted against the source that sent them. */
    public enum Counting {
        /** The operation needs the credentials: a wrong one counts. */
        COUNTED,
        /** Credentials are optional here (SP769's status poll): a wrong one is refused but never counted. */
        NOT_COUNTED
    }

    /**
     * The enabled SP whose secret this is, or null (unknown, disabled or wrong secret — never said which). A source
     * that keeps sending wrong secrets for an SP waits longer and longer ({@link Throttled}); other sources, the SP's
     * own servers among them, are not affected, and the right secret is never locked out.
     */
    public Uni<ServiceProvider> authenticate(String spId, String secret, Counting counting) {
        UUID id = uuid(spId);
        if (id == null || secret == null || secret.isEmpty() || secret.length() > 256) {
            return Uni.createFrom().nullItem();
        }
        String key = key(id);
        var wait = backoff.waitFor(key);
        if (wait.isPresent() && counting == Counting.COUNTED) {
            return Uni.createFrom().failure(new Throttled(wait.get()));
        }
        return Panache.withSession(() -> providers.findById(id)).map(sp -> {
            if (sp == null || sp.disabledAt != null) {
                failed(key, counting);
                return null;
            }
            byte[] presented = Digests.sha256Hex(secret).getBytes(StandardCharsets.US_ASCII);
            byte[] expected = sp.secretSha256.toLowerCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII);
            if (MessageDigest.isEqual(presented, expected)) {
                backoff.succeeded(key);
                return sp;
            }
            failed(key, counting);
            return null;
        });
    }

    private void failed(String key, Counting counting) {
        if (counting == Counting.COUNTED) {
            backoff.failed(key);
        }
    }

    /**
     * Counts a forged, foreign or spent SAD against the source that presented it, like a wrong secret. Answers the
     * wait it must now observe, if any.
     */
    public java.util.Optional<java.time.Duration> recordFailure(UUID spId) {
        return backoff.failed(key(spId));
    }

    /** Fails with {@link Throttled} while this source must wait for this SP (after refused SADs, say). */
    public void checkBackoff(UUID spId) {
        backoff.waitFor(key(spId)).ifPresent(wait -> {
            throw new Throttled(wait);
        });
    }

    private String key(UUID spId) {
        return source.address() + "|" + spId;
    }

    /**
     * Every credential of the subscriber(s) with this ID number that this integrator may see, newest first: under
     * {@code CONSENTING} only those of subscribers who accepted it — the others are answered as unknown.
     */
    public Uni<List<Credential>> credentialsOf(UUID spId, String identifier) {
        if (identifier == null || identifier.isBlank() || identifier.length() > 64) {
            return Uni.createFrom().item(List.of());
        }
        return Panache.withSession(() -> subscribers.byIdentifier(identifier.strip()).chain(found -> found.isEmpty()
                ? Uni.createFrom().item(List.<UUID>of())
                : visible(spId, found.stream().map(s -> s.accountId).toList()))
                .chain(accounts -> accounts.isEmpty() ? Uni.createFrom().item(List.<Credential>of())
                        : credentials.list("accountId in ?1", Sort.descending("createdAt"), accounts)));
    }

    /** Whether the integrator may see this credential (its subscriber is visible to it). */
    public Uni<Boolean> maySee(UUID spId, Credential credential) {
        return visible(spId, List.of(credential.accountId)).map(list -> !list.isEmpty());
    }

    /**
     * Of these accounts, those the integrator may reach (see, and ask for signatures): never those who blocked it, and
     * under {@code CONSENTING} only those who allowed it. Inside the caller's session.
     */
    public Uni<List<UUID>> visible(UUID spId, List<UUID> accounts) {
        if (accounts.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        if (lookup == SigningConfig.LookupMode.ANY_SUBSCRIBER) {
            return Panache.getSession().chain(session -> session.createNativeQuery("select account_id from "
                    + "integrator_consent where sp_id = :sp and account_id in (:accounts) and decision = 'BLOCKED'",
                    UUID.class).setParameter("sp", spId).setParameter("accounts", accounts).getResultList())
                    .map(blocked -> accounts.stream().filter(a -> !blocked.contains(a)).toList());
        }
        return Panache.getSession().chain(session -> session.createNativeQuery("select account_id from "
                + "integrator_consent where sp_id = :sp and account_id in (:accounts) and decision = 'ALLOWED'",
                UUID.class).setParameter("sp", spId).setParameter("accounts", accounts).getResultList());
    }

    public static UUID uuid(String value) {
        try {
            return value == null ? null : UUID.fromString(value.strip());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

}
