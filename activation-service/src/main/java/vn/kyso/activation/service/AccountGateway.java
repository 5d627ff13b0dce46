package vn.kyso.activation.service;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.WebApplicationException;

import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.logging.Logger;

import io.smallrye.mutiny.Uni;
import vn.kyso.activation.client.AccountServiceClient;
import vn.kyso.commons.problem.FieldError;
import vn.kyso.commons.problem.ProblemException;

/** Calls account-service with activation-service's own credential; every failure becomes this service's error. */
@ApplicationScoped
public class AccountGateway {

    private static final Logger LOG = Logger.getLogger(AccountGateway.class);

    private final AccountServiceClient client;
    private final ServiceTokens tokens;

    public AccountGateway(@RestClient AccountServiceClient client, ServiceTokens tokens) {
        this.client = client;
        this.tokens = tokens;
    }

    /** Sets the subscriber's password at account-service and returns the subscriber token it issues. */
    public Uni<AccountServiceClient.Token> setPassword(UUID accountId, String password) {
        return tokens.bearer()
                .chain(bearer -> client.setPassword(bearer, accountId.toString(),
                        new AccountServiceClient.Password(password)))
                .onFailure().transform(this::translate);
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
            tokens.forget();
        }
        LOG.warnf("account-service call failed: %s", failure.toString());
        return new ProblemException(ActivationError.ACCOUNT_SERVICE_UNAVAILABLE,
                "The account service cannot be reached; try again shortly");
    }
}
