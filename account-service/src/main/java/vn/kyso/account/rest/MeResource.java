package vn.kyso.account.rest;

import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.jwt.JsonWebToken;

import io.smallrye.mutiny.Uni;
import vn.kyso.account.service.AccountService;
import vn.kyso.account.service.AuthService;

/** The signed-in subscriber's own account. */
@Path("/api/v1/me")
@RolesAllowed(AuthService.ROLE_SUBSCRIBER)
public class MeResource {

    private final AccountService accounts;
    private final JsonWebToken caller;

    public MeResource(AccountService accounts, JsonWebToken caller) {
        this.accounts = accounts;
        this.caller = caller;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<AccountDetails> me() {
        return accounts.get(UUID.fromString(caller.getSubject())).map(AccountDetails::of);
    }
}
