package vn.kyso.account.service;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.jwt.build.Jwt;
import io.smallrye.mutiny.Uni;
import vn.kyso.account.config.AccountConfig;
import vn.kyso.account.crypto.PasswordHasher;
import vn.kyso.account.model.Account;
import vn.kyso.account.model.Operator;
import vn.kyso.account.model.RefreshToken;
import vn.kyso.account.repository.AccountRepository;
import vn.kyso.account.repository.OperatorRepository;
import vn.kyso.account.repository.RefreshTokenRepository;
import vn.kyso.commons.audit.AuditLog;
import vn.kyso.commons.problem.ProblemException;
import vn.kyso.commons.security.ServiceScopes;
import vn.kyso.commons.throttle.FailureBackoff;
import vn.kyso.commons.throttle.RequestSource;
import vn.kyso.commons.throttle.Throttled;
import vn.kyso.commons.work.Blocking;

/** Password and client-credential login: verifies, slows down guessing sources, issues short-lived RS256 tokens. */
@ApplicationScoped
public class AuthService {

    public static final String ROLE_OPERATOR = "operator";
    public static final String ROLE_SUBSCRIBER = "subscriber";
    /** Claim naming a subscriber token's session (its refresh-token family), which logout ends. */
    public static final String SESSION_CLAIM = "sid";

    private static final Logger LOG = Logger.getLogger(AuthService.class);

    private final OperatorRepository operators;
    private final AccountRepository accounts;
    private final PasswordHasher hasher;
    private static final java.security.SecureRandom RANDOM = new java.security.SecureRandom();

    private final AccountConfig config;
    private final RefreshTokenRepository refreshTokens;
    private final JwtKeys keys;
    private final RequestSource source;
    private final AuditLog audit;
    private final Clock clock;
    private final FailureBackoff backoff;
    private final OperatorBootstrap bootstrap;

    public AuthService(OperatorRepository operators, AccountRepository accounts, PasswordHasher hasher,
            AccountConfig config, RefreshTokenRepository refreshTokens, JwtKeys keys, RequestSource source,
            AuditLog audit, OperatorBootstrap bootstrap) {
        this.audit = audit;
        this.bootstrap = bootstrap;
        this.operators = operators;
        this.accounts = accounts;
        this.hasher = hasher;
        this.config = config;
        this.refreshTokens = refreshTokens;
        this.keys = keys;
        this.source = source;
        this.clock = Clock.systemUTC();
        this.backoff = new FailureBackoff(config.lockout().maxFailures(), config.lockout().duration(),
                config.lockout().maxDuration(), clock);
    }

    /** An access token, plus for subscribers a refresh token (in clear only in this answer). */
    public record IssuedToken(String token, long expiresInSeconds, String refreshToken, Long refreshExpiresIn) {

        IssuedToken(String token, long expiresInSeconds) {
            this(token, expiresInSeconds, null, null);
        }

        @Override
        public String toString() {
            return "IssuedToken[expiresIn=" + expiresInSeconds + "]";
        }
    }

    private record Candidate(Operator operator, Account account) {
    }

    /**
     * Logs an operator (by username) or a subscriber (by identifier) in. Unknown users and wrong passwords get the
     * same answer after the same Argon2 work and the same counting: after the free failures a source waits before
     * it may try that name again (429, longer each time). Nothing is locked, so the owner, from anywhere else, always
     * gets in with the right password.
     */
    public Uni<IssuedToken> login(String username, String password) {
        String key = source.address() + "|" + username.toUpperCase(Locale.ROOT);
        var wait = backoff.waitFor(key);
        if (wait.isPresent()) {
            return Uni.createFrom().failure(new Throttled(wait.get()));
        }
        // A login in the first moment after start must not miss an operator still being bootstrapped.
        return bootstrap.ready().chain(() -> Panache.withSession(() -> operators.findByUsername(username)
                .chain(operator -> operator != null
                        ? Uni.createFrom().item(new Candidate(operator, null))
                        : accounts.find("identifier = ?1 and passwordHash is not null",
                                username.toUpperCase(Locale.ROOT)).firstResult()
                                .map(account -> new Candidate(null, account)))))
                .chain(candidate -> {
                    String stored = candidate.operator() != null ? candidate.operator().passwordHash
                            : candidate.account() != null ? candidate.account().passwordHash : null;
                    return Blocking.memoryHard(() -> stored == null ? hasher.verifyDecoy(password)
                            : hasher.verify(password, stored))
                            .chain(ok -> {
                                String who = candidate.operator() != null ? candidate.operator().id.toString()
                                        : candidate.account() != null ? candidate.account().id.toString() : null;
                                if (!ok) {
                                    backoff.failed(key);
                                    // Unknown names leave no entry: the trail records what happened to accounts.
                                    return (who == null ? Uni.createFrom().voidItem() : loginAudited("LoginFailed", who,
                                            candidate)).chain(() -> Uni.createFrom().failure(invalid()));
                                }
                                backoff.succeeded(key);
                                return loginAudited("LoginSucceeded", who, candidate).chain(() ->
                                        candidate.operator() != null
                                                ? Uni.createFrom().item(operatorToken(candidate.operator()))
                                                : subscriberSession(candidate.account()));
                            });
                });
    }

    /**
     * Whether this is the subscriber's password, without opening a session: SmartCA TH v2 checks it with every
     * signature, and a login would mint and store tokens nobody uses. Everything else is a login's: the same Argon2
     * work for an unknown identifier, the same counting and back-off for the same source and name, audited.
     */
    public Uni<Boolean> checkPassword(String identifier, String password) {
        String name = identifier.toUpperCase(Locale.ROOT);
        String key = source.address() + "|" + name;
        var wait = backoff.waitFor(key);
        if (wait.isPresent()) {
            return Uni.createFrom().failure(new Throttled(wait.get()));
        }
        return Panache.withSession(() -> accounts.find("identifier = ?1 and passwordHash is not null", name)
                .firstResult()).chain(account -> Blocking.memoryHard(() -> account == null
                        ? hasher.verifyDecoy(password) : hasher.verify(password, account.passwordHash))
                .chain(ok -> {
                    if (ok) {
                        backoff.succeeded(key);
                    } else {
                        backoff.failed(key);
                    }
                    if (account == null) {
                        return Uni.createFrom().item(false);
                    }
                    String who = account.id.toString();
                    return Panache.withTransaction(() -> audit.append(ok ? "PasswordChecked" : "PasswordCheckFailed",
                            who, who, Map.of("role", ROLE_SUBSCRIBER, "source", source.address()))).replaceWith(ok);
                }));
    }

    private Uni<Void> loginAudited(String kind, String who, Candidate candidate) {
        return Panache.withTransaction(() -> audit.append(kind, who, who, Map.of("role",
                candidate.operator() != null ? ROLE_OPERATOR : ROLE_SUBSCRIBER, "source", source.address())));
    }

    /**
     * Opens a subscriber session: an access token and the first refresh token of a new family. Also used after the
     * subscriber proved possession another way (activation code), on an internal caller's request.
     */
    public Uni<IssuedToken> subscriberSession(Account account) {
        UUID family = UUID.randomUUID();
        return newRefreshToken(account.id, family).map(refresh -> withAccess(account, family, refresh));
    }

    /**
     * Ends the session an access token belongs to (its {@code sid}, the refresh-token family): every refresh token of
     * it is revoked, and {@link #sessionAlive} says so from now on. Ending an ended session changes nothing.
     */
    public Uni<Void> logout(UUID accountId, UUID sessionId) {
        return Panache.withTransaction(() -> refreshTokens.update("revokedAt = ?1 where familyId = ?2 and accountId = ?3"
                + " and revokedAt is null", clock.instant(), sessionId, accountId)).replaceWithVoid();
    }

    /** Whether the session is still open: some refresh token of its family is neither revoked nor expired. */
    public Uni<Boolean> sessionAlive(UUID accountId, UUID sessionId) {
        return Panache.withSession(() -> refreshTokens.count("familyId = ?1 and accountId = ?2 and revokedAt is null"
                + " and expiresAt > ?3", sessionId, accountId, clock.instant())).map(n -> n > 0);
    }

    /**
     * Exchanges a refresh token for a new access token and a new refresh token (rotation). A token that was already
     * used revokes its whole family: someone replayed a copy.
     */
    public Uni<IssuedToken> refresh(String presented) {
        String hash = sha256Hex(presented);
        Instant now = clock.instant();
        return Panache.withTransaction(() -> refreshTokens.findByHash(hash).chain(token -> {
            if (token == null || token.revokedAt != null || !token.expiresAt.isAfter(now)) {
                return Uni.createFrom().failure(invalidRefresh());
            }
            if (token.usedAt != null) {
                return Uni.createFrom().failure(new ReplayedRefresh(token.accountId, token.familyId));
            }
            token.usedAt = now;
            return accounts.findById(token.accountId).chain(account -> {
                if (account == null) {
                    return Uni.createFrom().failure(invalidRefresh());
                }
                return newRefreshToken(account.id, token.familyId).map(refresh -> withAccess(account, token.familyId,
                        refresh));
            });
        }))
                // Revoked in a transaction of its own: the one above rolls back with the failure.
                .onFailure(ReplayedRefresh.class).recoverWithUni(e -> {
                    ReplayedRefresh replay = (ReplayedRefresh) e;
                    LOG.warnf("Refresh token reuse for account %s: revoking its session family", replay.accountId);
                    return Panache.withTransaction(() -> refreshTokens.update(
                            "revokedAt = ?1 where familyId = ?2 and revokedAt is null", now, replay.familyId))
                            .chain(() -> Uni.createFrom().failure(invalidRefresh()));
                });
    }

    private Uni<String> newRefreshToken(UUID accountId, UUID familyId) {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        String token = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        RefreshToken row = new RefreshToken();
        row.id = UUID.randomUUID();
        row.accountId = accountId;
        row.familyId = familyId;
        row.tokenSha256 = sha256Hex(token);
        row.createdAt = clock.instant();
        row.expiresAt = row.createdAt.plus(config.jwt().refreshLifetime());
        return Panache.withTransaction(() -> refreshTokens.persist(row)).replaceWith(token);
    }

    private IssuedToken withAccess(Account account, UUID session, String refreshToken) {
        IssuedToken access = issue(account.id.toString(), account.identifier, Set.of(ROLE_SUBSCRIBER),
                Set.of(ServiceScopes.PEOPLE), Map.of(SESSION_CLAIM, session.toString()),
                config.jwt().lifetime().toSeconds());
        return new IssuedToken(access.token(), access.expiresInSeconds(), refreshToken,
                config.jwt().refreshLifetime().toSeconds());
    }

    /** Client-credentials login of another Kyso service, for the internal API. */
    public IssuedToken serviceToken(String clientId, String clientSecret) {
        AccountConfig.ServiceClient client = config.serviceClients().get(clientId);
        String expected = client == null ? null : client.secret().orElse(null);
        // Compare digests so the comparison time depends on neither secret's length nor content.
        boolean ok = expected != null && !expected.isBlank() && MessageDigest.isEqual(sha256(expected), sha256(clientSecret));
        if (!ok) {
            throw new ProblemException(AccountError.INVALID_CLIENT, "Unknown service client or wrong secret");
        }
        Set<String> audiences = client.audiences().stream().map(ServiceScopes::audience)
                .collect(java.util.stream.Collectors.toUnmodifiableSet());
        return issue("service:" + clientId, clientId, Set.copyOf(client.scopes()), audiences, Map.of(), 300);
    }

    private IssuedToken operatorToken(Operator operator) {
        return issue(operator.id.toString(), operator.username, Set.of(ROLE_OPERATOR), config.jwt().lifetime().toSeconds());
    }

    private IssuedToken issue(String subject, String name, Set<String> groups, long lifetime) {
        return issue(subject, name, groups, Set.of(ServiceScopes.PEOPLE), Map.of(), lifetime);
    }

    private IssuedToken issue(String subject, String name, Set<String> groups, Set<String> audiences,
            Map<String, String> claims, long lifetime) {
        var builder = Jwt.issuer(config.jwt().issuer())
                .audience(audiences)
                .subject(subject)
                .upn(name)
                .groups(groups)
                .claim("jti", UUID.randomUUID().toString());
        claims.forEach(builder::claim);
        String token = builder
                .expiresIn(lifetime)
                .jws().keyId(keys.keyId())
                .sign();
        return new IssuedToken(token, lifetime);
    }

    private static ProblemException invalid() {
        return new ProblemException(AccountError.INVALID_CREDENTIALS, "Wrong username or password");
    }

    private static ProblemException invalidRefresh() {
        return new ProblemException(AccountError.INVALID_REFRESH_TOKEN,
                "The refresh token is unknown, expired or already used; log in again");
    }

    /** A refresh token presented a second time: its family must be revoked. */
    private static final class ReplayedRefresh extends RuntimeException {

        final UUID accountId;
        final UUID familyId;

        ReplayedRefresh(UUID accountId, UUID familyId) {
            super("replayed refresh token", null, false, false);
            this.accountId = accountId;
            this.familyId = familyId;
        }
    }

    private static String sha256Hex(String s) {
        return java.util.HexFormat.of().formatHex(sha256(s == null ? "" : s));
    }

    private static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
