package vn.kyso.account.rest;

import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import io.smallrye.mutiny.Uni;
import vn.kyso.account.service.AccountService;
import vn.kyso.commons.problem.CommonError;
import vn.kyso.commons.problem.ProblemException;
import vn.kyso.commons.security.ServiceScopes;

/** Service-to-service API (service token from {@code /api/v1/auth/service-token}); not routed publicly. */
@Path("/internal/v1/accounts")
@RolesAllowed(ServiceScopes.ACCOUNT_PASSWORD_ACTIVATION)
public class InternalAccountResource {

    private final AccountService accounts;

    public InternalAccountResource(AccountService accounts) {
        this.accounts = accounts;
    }

    /** Sets the password of a subscriber whose account is not yet activated (activation step 1); answers their tokens. */
    @PUT
    @Path("/{accountId}/password")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<TokenResponse> setPassword(@PathParam("accountId") String accountId, PasswordRequest request) {
        UUID id;
        try {
            id = UUID.fromString(accountId);
        } catch (IllegalArgumentException e) {
            throw new ProblemException(CommonError.NOT_FOUND, "No account " + accountId);
        }
        String password = request == null ? null : request.password();
        return accounts.setPassword(id, password).map(t -> TokenResponse.of(t));
    }
}
