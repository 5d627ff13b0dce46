package vn.kyso.activation.service;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.WebApplicationException;

import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.logging.Logger;

import io.smallrye.mutiny.Uni;
import vn.kyso.activation.client.AccountServiceClient;
import vn.kyso.activation.config.ActivationConfig;
import vn.kyso.commons.problem.FieldError;
import vn.kyso.commons.problem.ProblemException;

/** Calls account-service with activation-service's own credential; every failure becomes this service's error. */
@ApplicationScoped
public class AccountGateway {

    private static final Logger LOG = Logger.getLogger(AccountGateway.class);

    private final AccountServiceClient client;
    private final ActivationConfig config;
    private volatile AccountServiceClient.Token serviceToken;
    private volatile Instant serviceTokenExpires = Instant.EPOCH;

    public AccountGateway(@RestClient AccountServiceClient client, ActivationConfig config) {
        this.client = client;
        this.config = config;
    }

    /** Sets the subscriber's password at account-service and returns the subscriber token it issues. */
    public Uni<AccountServiceClient.Token> setPassword(UUID accountId, String password) {
        return serviceToken()
                .chain(token -> client.setPassword("Bearer " + token.accessToken(), accountId.toString(),
                        new AccountServiceClient.Password(password)))
                .onFailure().transform(this::translate);
    }

    private Uni<AccountServiceClient.Token> serviceToken() {
        AccountServiceClient.Token cached = serviceToken;
        if (cached != null && Instant.now().isBefore(serviceTokenExpires)) {
            return Uni.createFrom().item(cached);
        }
        String secret = config.accountClient().secret().filter(s -> !s.isBlank()).orElse(null);
        if (secret == null) {
            return Uni.createFrom().failure(new ProblemException(ActivationError.ACCOUNT_SERVICE_UNAVAILABLE,
                    "activation-service has no credential for account-service"));
        }
        return client.serviceToken(new AccountServiceClient.ClientCredentials(config.accountClient().id(), secret))
                .invoke(t -> {
                    serviceToken = t;
                    // Renewed a little early so a token never expires in flight.
                    serviceTokenExpires = Instant.now().plus(Duration.ofSeconds(Math.max(0, t.expiresIn() - 30)));
                });
    }

    private Throwable translate(Throwable failure) {
        if (failure instanceof ProblemException) {
            return failure;
        }
        if (failure instanceof WebApplicationException web && web.getResponse().getStatus() == 400) {
            return new ProblemException(ActivationError.VALIDATION_FAILED, "The password was refused",
                    List.of(new FieldError("password", "does not meet the password rule")));
        }
        if (failure instanceof WebApplicationException web && web.getResponse().getStatus() == 401) {
            serviceToken = null;
        }
        LOG.warnf("account-service call failed: %s", failure.toString());
        return new ProblemException(ActivationError.ACCOUNT_SERVICE_UNAVAILABLE,
                "The account service cannot be reached; try again shortly");
    }
}
