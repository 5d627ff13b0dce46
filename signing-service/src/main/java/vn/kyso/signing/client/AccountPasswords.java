package vn.kyso.signing.client;

import java.time.Clock;
import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.WebApplicationException;

import org.eclipse.microprofile.rest.client.inject.RestClient;

import io.smallrye.mutiny.Uni;
import vn.kyso.commons.problem.ProblemException;
import vn.kyso.commons.security.ServiceTokenCache;
import vn.kyso.commons.throttle.Throttled;
import vn.kyso.signing.SigningError;
import vn.kyso.signing.config.SigningConfig;

/** A subscriber's password checked where it lives, at account-service, with signing-service's own service token. */
@ApplicationScoped
public class AccountPasswords {

    private final AccountServiceClient client;
    private final ServiceTokenCache tokens;

    public AccountPasswords(@RestClient AccountServiceClient client, SigningConfig config, Clock clock) {
        this.client = client;
        this.tokens = new ServiceTokenCache(() -> {
            String secret = config.accountClient().secret().filter(s -> !s.isBlank()).orElse(null);
            if (secret == null) {
                return Uni.createFrom().failure(new ProblemException(SigningError.DEPENDENCY_UNAVAILABLE,
                        "signing-service has no service credential for account-service"));
            }
            return client.serviceToken(new AccountServiceClient.ClientCredentials(config.accountClient().id(), secret))
                    .map(t -> new ServiceTokenCache.Issued(t.accessToken(), t.expiresIn()))
                    .onFailure(e -> !(e instanceof ProblemException)).transform(AccountPasswords::unavailable);
        }, clock);
    }

    /**
     * Whether it is the subscriber's password. account-service's back-off is passed on ({@link Throttled}); a token
     * it no longer accepts (keys rotated) is replaced once.
     */
    public Uni<Boolean> matches(String identifier, String password) {
        return check(identifier, password, true);
    }

    private Uni<Boolean> check(String identifier, String password, boolean retry) {
        return tokens.bearer().chain(bearer -> client.checkPassword(bearer,
                new AccountServiceClient.PasswordCheck(identifier, password)))
                .map(r -> r.getStatus() == 204)
                .onFailure(WebApplicationException.class).recoverWithUni(e -> {
                    var response = ((WebApplicationException) e).getResponse();
                    int status = response.getStatus();
                    if (status == 429) {
                        String after = response.getHeaderString("Retry-After");
                        long seconds = after != null && after.matches("\\d{1,6}") ? Long.parseLong(after) : 30;
                        return Uni.createFrom().failure(new Throttled(Duration.ofSeconds(seconds)));
                    }
                    if (status == 401 && !response.readEntity(String.class).contains("INVALID_CREDENTIALS")) {
                        // Our token, not the password, was refused.
                        tokens.forget();
                        return retry ? check(identifier, password, false)
                                : Uni.createFrom().failure(unavailable(e));
                    }
                    return status / 100 == 4 ? Uni.createFrom().item(false) : Uni.createFrom().failure(unavailable(e));
                })
                .onFailure(e -> !(e instanceof ProblemException) && !(e instanceof Throttled))
                .transform(AccountPasswords::unavailable);
    }

    private static ProblemException unavailable(Throwable e) {
        return new ProblemException(SigningError.DEPENDENCY_UNAVAILABLE, "account-service cannot be reached");
    }
}
