package vn.kyso.signing.integrator.service;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
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

    static final String ALLOWED = "ALLOWED";
    static final String BLOCKED = "BLOCKED";

    private final ServiceProviderRepository providers;
    private final SubscriberRepository subscribers;
    private final CredentialRepository credentials;
    private final FailureBackoff backoff;
    private final RequestSource source;
    private final SigningConfig.LookupMode lookup;
    private final Clock clock;

    public Integrators(ServiceProviderRepository providers, SubscriberRepository subscribers,
            CredentialRepository credentials, SigningConfig config, Clock clock, RequestSource source) {
        this.providers = providers;
        this.subscribers = subscribers;
        this.credentials = credentials;
        SigningConfig.IntegratorBackoff b = config.integratorBackoff();
        this.backoff = new FailureBackoff(b.freeFailures(), b.base(), b.max(), clock);
        this.source = source;
        this.lookup = config.integratorLookup().mode();
        this.clock = clock;
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
     * Look-ups: every credential of the subscriber(s) with this ID number that this integrator may see, newest first —
     * under {@code CONSENTING} only those of subscribers who allowed it, the others answered as unknown. A look-up of a
     * subscriber who has not decided is noted, so the subscriber sees who looked and can allow or block it.
     */
    public Uni<List<Credential>> credentialsOf(UUID spId, String identifier) {
        return withDecisions(spId, identifier, new Looked(List.of(), List.of()), (accounts, decided) -> {
            List<UUID> visible = accounts.stream().filter(a -> seen(decided.get(a))).toList();
            List<UUID> undecided = lookup == SigningConfig.LookupMode.ANY_SUBSCRIBER ? List.of()
                    : accounts.stream().filter(a -> !visible.contains(a) && !BLOCKED.equals(decided.get(a))).toList();
            return newestFirst(visible).map(list -> new Looked(list, undecided));
        }).call(looked -> looked.undecided().isEmpty() ? Uni.createFrom().voidItem()
                : noteLookup(spId, looked.undecided())).map(Looked::credentials);
    }

    private record Looked(List<Credential> credentials, List<UUID> undecided) {
    }

    /** Whether the integrator may see this credential (its subscriber is visible to it). */
    public Uni<Boolean> maySee(UUID spId, Credential credential) {
        return visible(spId, List.of(credential.accountId)).map(list -> !list.isEmpty());
    }

    /**
     * Requests: the credentials of the subscriber(s) with this ID number that this integrator may ask (all but those
     * who blocked it, whatever the look-up mode), newest first, and which of their accounts allowed it — a request to
     * any other is a first contact.
     */
    public Uni<Reach> reachableCredentialsOf(UUID spId, String identifier) {
        return withDecisions(spId, identifier, new Reach(List.of(), Set.of()), (accounts, decided) -> {
            Set<UUID> allowed = accounts.stream().filter(a -> ALLOWED.equals(decided.get(a)))
                    .collect(Collectors.toSet());
            return newestFirst(accounts.stream().filter(a -> !BLOCKED.equals(decided.get(a))).toList())
                    .map(list -> new Reach(list, allowed));
        });
    }

    /**
     * The accounts with this ID number and each one's decision about the integrator, turned into an answer in one
     * session; {@code none} for an identifier that cannot be one.
     */
    private <T> Uni<T> withDecisions(UUID spId, String identifier, T none,
            java.util.function.BiFunction<List<UUID>, Map<UUID, String>, Uni<T>> answer) {
        if (identifier == null || identifier.isBlank() || identifier.length() > 64) {
            return Uni.createFrom().item(none);
        }
        return Panache.withSession(() -> subscribers.byIdentifier(identifier.strip()).chain(found -> {
            List<UUID> accounts = found.stream().map(s -> s.accountId).toList();
            return decisions(spId, accounts).chain(decided -> answer.apply(accounts, decided));
        }));
    }

    private Uni<List<Credential>> newestFirst(List<UUID> accounts) {
        return accounts.isEmpty() ? Uni.createFrom().item(List.of())
                : credentials.list("accountId in ?1", Sort.descending("createdAt"), accounts);
    }

    /** What a request may reach: the credentials, and the accounts that allowed the integrator. */
    public record Reach(List<Credential> credentials, Set<UUID> allowed) {

        /** A request to this account would be the integrator's first contact (the subscriber has not allowed it). */
        public boolean firstContact(UUID accountId) {
            return !allowed.contains(accountId);
        }
    }

    /** Whether this subscriber has yet to allow (or block) the integrator. Inside the caller's session. */
    public Uni<Boolean> undecided(UUID spId, UUID accountId) {
        return decisions(spId, List.of(accountId)).map(d -> !ALLOWED.equals(d.get(accountId))
                && !BLOCKED.equals(d.get(accountId)));
    }

    /**
     * Of these accounts, those the integrator may look up: never those who blocked it, and under {@code CONSENTING}
     * only those who allowed it. Inside the caller's session.
     */
    private Uni<List<UUID>> visible(UUID spId, List<UUID> accounts) {
        return decisions(spId, accounts).map(decided -> accounts.stream().filter(a -> seen(decided.get(a))).toList());
    }

    private boolean seen(String decision) {
        return lookup == SigningConfig.LookupMode.ANY_SUBSCRIBER ? !BLOCKED.equals(decision)
                : ALLOWED.equals(decision);
    }

    /** Each account's decision about the integrator (ALLOWED, BLOCKED, UNDECIDED), absent when it never met it. */
    private Uni<Map<UUID, String>> decisions(UUID spId, List<UUID> accounts) {
        if (accounts.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return Panache.getSession().chain(session -> session.createNativeQuery("select account_id, decision from "
                + "integrator_consent where sp_id = :sp and account_id in (:accounts)", Object[].class)
                .setParameter("sp", spId).setParameter("accounts", accounts).getResultList())
                .map(rows -> rows.stream().collect(Collectors.toMap(r -> (UUID) r[0], r -> (String) r[1])));
    }

    /** The subscriber will see that this integrator looked (once a minute at most per pair, to spare the database). */
    private Uni<Void> noteLookup(UUID spId, List<UUID> accounts) {
        java.time.Instant now = clock.instant();
        return Panache.withTransaction(() -> Panache.getSession().chain(session -> {
            Uni<Integer> chain = Uni.createFrom().item(0);
            for (UUID account : accounts) {
                chain = chain.chain(() -> session.createNativeQuery("insert into integrator_consent (account_id, "
                        + "sp_id, granted_at, decision, last_lookup_at) values (:a, :s, :t, 'UNDECIDED', :t) "
                        + "on conflict (account_id, sp_id) do update set last_lookup_at = :t "
                        + "where integrator_consent.decision = 'UNDECIDED' and (integrator_consent.last_lookup_at "
                        + "is null or integrator_consent.last_lookup_at < :recent)")
                        .setParameter("a", account).setParameter("s", spId).setParameter("t", now)
                        .setParameter("recent", now.minusSeconds(60)).executeUpdate());
            }
            return chain;
        })).replaceWithVoid();
    }

    public static UUID uuid(String value) {
        try {
            return value == null ? null : UUID.fromString(value.strip());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

}
