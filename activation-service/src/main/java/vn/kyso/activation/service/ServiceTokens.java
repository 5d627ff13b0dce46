package vn.kyso.activation.service;

import java.time.Clock;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.rest.client.inject.RestClient;

import io.smallrye.mutiny.Uni;
import vn.kyso.activation.client.AccountServiceClient;
import vn.kyso.activation.config.ActivationConfig;
import vn.kyso.commons.problem.ProblemException;
import vn.kyso.commons.security.ServiceTokenCache;

/** activation-service's own bearer token from account-service (client credentials), cached until shortly before expiry. */
@ApplicationScoped
public class ServiceTokens {

    private final ServiceTokenCache cache;

    public ServiceTokens(@RestClient AccountServiceClient client, ActivationConfig config) {
        this.cache = new ServiceTokenCache(() -> {
            String secret = config.accountClient().secret().filter(s -> !s.isBlank()).orElse(null);
            if (secret == null) {
                return Uni.createFrom().failure(new ProblemException(ActivationError.ACCOUNT_SERVICE_UNAVAILABLE,
                        "activation-service has no service credential"));
            }
            return client.serviceToken(new AccountServiceClient.ClientCredentials(config.accountClient().id(), secret))
                    .map(t -> new ServiceTokenCache.Issued(t.accessToken(), t.expiresIn()));
        }, Clock.systemUTC());
    }

    public Uni<String> bearer() {
        return cache.bearer();
    }

    /** A 401 from a callee: the token may have been revoked or keys rotated; fetch a new one next time. */
    public void forget() {
        cache.forget();
    }
}
