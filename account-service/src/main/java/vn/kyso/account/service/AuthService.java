package vn.kyso.account.service;

import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.jwt.build.Jwt;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import vn.kyso.account.config.AccountConfig;
import vn.kyso.account.crypto.PasswordHasher;
import vn.kyso.account.model.Operator;
import vn.kyso.account.repository.OperatorRepository;
import vn.kyso.commons.problem.ProblemException;

/** Password login: verifies credentials and issues short-lived RS256 access tokens. */
@ApplicationScoped
public class AuthService {

    public static final String ROLE_OPERATOR = "operator";

    private final OperatorRepository operators;
    private final PasswordHasher hasher;
    private final AccountConfig config;

    public AuthService(OperatorRepository operators, PasswordHasher hasher, AccountConfig config) {
        this.operators = operators;
        this.hasher = hasher;
        this.config = config;
    }

    public record IssuedToken(String token, long expiresInSeconds) {
    }

    /** Same answer, and the same work, for an unknown user and a wrong password. */
    public Uni<IssuedToken> login(String username, String password) {
        return operators.findByUsername(username)
                // Argon2 takes tens of milliseconds of CPU: keep it off the event loop.
                .emitOn(Infrastructure.getDefaultWorkerPool())
                .map(operator -> {
                    boolean ok = operator == null ? hasher.verifyDecoy(password)
                            : hasher.verify(password, operator.passwordHash);
                    if (!ok) {
                        throw new ProblemException(AccountError.INVALID_CREDENTIALS, "Wrong username or password");
                    }
                    return issue(operator);
                });
    }

    private IssuedToken issue(Operator operator) {
        long lifetime = config.jwt().lifetime().toSeconds();
        String token = Jwt.issuer(config.jwt().issuer())
                .subject(operator.id.toString())
                .upn(operator.username)
                .groups(Set.of(ROLE_OPERATOR))
                .expiresIn(lifetime)
                .sign();
        return new IssuedToken(token, lifetime);
    }
}
