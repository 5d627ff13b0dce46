package vn.kyso.activation.service;

import java.time.Duration;
import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.rest.client.inject.RestClient;

import io.smallrye.mutiny.Uni;
import vn.kyso.activation.client.AccountServiceClient;
import vn.kyso.activation.config.ActivationConfig;
import vn.kyso.commons.problem.ProblemException;

/** activation-service's own bearer token from account-service (client credentials), cached until shortly before expiry. */
@ApplicationScoped
public class ServiceTokens {

    private final AccountServiceClient client;
    private final ActivationConfig config;
    private volatile AccountServiceClient.Token token;
    private volatile Instant expires = Instant.EPOCH;

    public ServiceTokens(@RestClient AccountServiceClient client, ActivationConfig config) {
        this.client = client;
        this.config = config;
    }

    public Uni<String> bearer() {
        AccountServiceClient.Token cached = token;
        if (cached != null && Instant.now().isBefore(expires)) {
            return Uni.createFrom().item("Bearer " + cached.accessToken());
        }
        String secret = config.accountClient().secret().filter(s -> !s.isBlank()).orElse(null);
        if (secret == null) {
            return Uni.createFrom().failure(new ProblemException(ActivationError.ACCOUNT_SERVICE_UNAVAILABLE,
                    "activation-service has no service credential"));
        }
        return client.serviceToken(new AccountServiceClient.ClientCredentials(config.accountClient().id(), secret))
                .invoke(t -> {
                    token = t;
                    // Renewed a little early so a token never expires in flight.
                    expires = Instant.now().plus(Duration.ofSeconds(Math.max(0, t.expiresIn() - 30)));
                })
                .map(t -> "Bearer " + t.accessToken());
    }

    /** A 401 from a callee: the token may have been revoked or keys rotated; fetch a new one next time. */
    public void forget() {
        token = null;
    }
}
