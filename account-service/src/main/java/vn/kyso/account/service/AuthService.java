package vn.kyso.account.service;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.util.Locale;
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
import vn.kyso.account.repository.AccountRepository;
import vn.kyso.account.repository.OperatorRepository;
import vn.kyso.commons.problem.ProblemException;
import vn.kyso.commons.work.Blocking;

/** Password and client-credential login: verifies, locks after repeated failures, issues short-lived RS256 tokens. */
@ApplicationScoped
public class AuthService {

    public static final String ROLE_OPERATOR = "operator";
    public static final String ROLE_SUBSCRIBER = "subscriber";
    public static final String ROLE_SERVICE = "service";

    private static final Logger LOG = Logger.getLogger(AuthService.class);

    private final OperatorRepository operators;
    private final AccountRepository accounts;
    private final PasswordHasher hasher;
    private final AccountConfig config;
    private final Clock clock;

    public AuthService(OperatorRepository operators, AccountRepository accounts, PasswordHasher hasher,
            AccountConfig config) {
        this.operators = operators;
        this.accounts = accounts;
        this.hasher = hasher;
        this.config = config;
        this.clock = Clock.systemUTC();
    }

    public record IssuedToken(String token, long expiresInSeconds) {
    }

    private record Candidate(Operator operator, Account account) {
    }

    /**
     * Logs an operator (by username) or a subscriber (by identifier) in. Unknown users and wrong passwords get the
     * same answer after the same Argon2 work; a subscriber's fifth wrong password in a row locks the login.
     */
    public Uni<IssuedToken> login(String username, String password) {
        return Panache.withSession(() -> operators.findByUsername(username).chain(operator -> operator != null
                ? Uni.createFrom().item(new Candidate(operator, null))
                : accounts.find("identifier = ?1 and passwordHash is not null", username.toUpperCase(Locale.ROOT))
                        .firstResult().map(account -> new Candidate(null, account))))
                .chain(candidate -> {
                    Account account = candidate.account();
                    if (account != null && account.loginLockedUntil != null
                            && account.loginLockedUntil.isAfter(clock.instant())) {
                        return Uni.createFrom().failure(locked(account.loginLockedUntil));
                    }
                    String stored = candidate.operator() != null ? candidate.operator().passwordHash
                            : account != null ? account.passwordHash : null;
                    return Blocking.onWorker(() -> stored == null ? hasher.verifyDecoy(password)
                            : hasher.verify(password, stored))
                            .chain(ok -> {
                                if (candidate.operator() != null) {
                                    return ok ? Uni.createFrom().item(operatorToken(candidate.operator()))
                                            : Uni.createFrom().failure(invalid());
                                }
                                if (account == null) {
                                    return Uni.createFrom().failure(invalid());
                                }
                                return ok ? loginSucceeded(account) : loginFailed(account);
                            });
                });
    }

    /** A token for a subscriber who has just proved possession another way (activation code), for internal callers. */
    public IssuedToken subscriberToken(Account account) {
        return issue(account.id.toString(), account.identifier, Set.of(ROLE_SUBSCRIBER), config.jwt().lifetime().toSeconds());
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
        return issue("service:" + clientId, clientId, Set.of(ROLE_SERVICE), 300);
    }

    private Uni<IssuedToken> loginSucceeded(Account account) {
        Uni<Integer> reset = account.failedLogins == 0 && account.loginLockedUntil == null
                ? Uni.createFrom().item(0)
                : Panache.withTransaction(() -> accounts.update(
                        "failedLogins = 0, loginLockedUntil = null where id = ?1", account.id));
        return reset.map(ignored -> subscriberToken(account));
    }

    private Uni<IssuedToken> loginFailed(Account account) {
        Instant until = clock.instant().plus(config.lockout().duration());
        // One atomic statement, so concurrent wrong guesses cannot slip past the limit.
        return Panache.withTransaction(() -> Panache.getSession().chain(s -> s.createNativeQuery(
                        "update account set failed_logins = case when failed_logins + 1 >= :max then 0 "
                                + "else failed_logins + 1 end, login_locked_until = case when failed_logins + 1 >= :max "
                                + "then :until else login_locked_until end where id = :id returning login_locked_until",
                        Instant.class)
                .setParameter("max", config.lockout().maxFailures())
                .setParameter("until", until)
                .setParameter("id", account.id)
                .getSingleResultOrNull()))
                .chain(lockedUntil -> {
                    if (lockedUntil != null && lockedUntil.isAfter(clock.instant())) {
                        LOG.infof("Login of account %s locked until %s after repeated wrong passwords", account.id,
                                lockedUntil);
                        return Uni.createFrom().failure(locked(lockedUntil));
                    }
                    return Uni.createFrom().failure(invalid());
                });
    }

    private IssuedToken operatorToken(Operator operator) {
        return issue(operator.id.toString(), operator.username, Set.of(ROLE_OPERATOR), config.jwt().lifetime().toSeconds());
    }

    private IssuedToken issue(String subject, String name, Set<String> groups, long lifetime) {
        String token = Jwt.issuer(config.jwt().issuer())
                .subject(subject)
                .upn(name)
                .groups(groups)
                .claim("jti", UUID.randomUUID().toString())
                .expiresIn(lifetime)
                .sign();
        return new IssuedToken(token, lifetime);
    }

    private static ProblemException invalid() {
        return new ProblemException(AccountError.INVALID_CREDENTIALS, "Wrong username or password");
    }

    private static ProblemException locked(Instant until) {
        return new ProblemException(AccountError.LOGIN_LOCKED,
                "Too many wrong passwords; login is locked until " + until);
    }

    private static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
