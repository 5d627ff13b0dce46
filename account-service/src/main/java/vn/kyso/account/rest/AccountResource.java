package vn.kyso.account.rest;

import java.net.URI;
import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.jwt.JsonWebToken;

import io.smallrye.mutiny.Uni;
import vn.kyso.account.service.AccountService;
import vn.kyso.account.service.AuthService;
import vn.kyso.commons.problem.CommonError;
import vn.kyso.commons.problem.ProblemException;

/** Operator API for subscriber accounts. */
@Path("/api/v1/accounts")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(AuthService.ROLE_OPERATOR)
public class AccountResource {

    private final AccountService accounts;
    private final JsonWebToken caller;

    public AccountResource(AccountService accounts, JsonWebToken caller) {
        this.accounts = accounts;
        this.caller = caller;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<Response> create(CreateAccountRequest request) {
        if (request == null) {
            throw new ProblemException(CommonError.MALFORMED_REQUEST, "A JSON body is required");
        }
        return accounts.create(request, caller.getName()).map(a -> Response
                .created(URI.create("/api/v1/accounts/" + a.id))
                .entity(new AccountResponse(a.id, a.identifier, a.status.name()))
                .build());
    }

    /** Looks an account up by its identifier (the id number the subscriber logs in with). */
    @GET
    public Uni<List<AccountDetails>> find(@QueryParam("identifier") String identifier) {
        if (identifier == null || identifier.isBlank() || identifier.length() > 32) {
            throw new ProblemException(CommonError.VALIDATION_FAILED, "Query parameter 'identifier' is required");
        }
        return accounts.findByIdentifier(identifier.strip()).map(found -> found.stream().map(AccountDetails::of).toList());
    }

    @GET
    @Path("/{accountId}")
    public Uni<AccountDetails> get(@PathParam("accountId") String accountId) {
        UUID id;
        try {
            id = UUID.fromString(accountId);
        } catch (IllegalArgumentException e) {
            throw new ProblemException(CommonError.NOT_FOUND, "No account " + accountId);
        }
        return accounts.get(id).map(AccountDetails::of);
    }
}
