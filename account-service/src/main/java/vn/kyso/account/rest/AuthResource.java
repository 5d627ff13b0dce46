package vn.kyso.account.rest;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import io.smallrye.mutiny.Uni;
import vn.kyso.account.service.AccountError;
import vn.kyso.account.service.AuthService;
import vn.kyso.commons.problem.FieldValidator;

/** Password login. */
@Path("/api/v1/auth")
@PermitAll
public class AuthResource {

    private final AuthService auth;

    public AuthResource(AuthService auth) {
        this.auth = auth;
    }

    /** Client-credentials login of another Kyso service, for the internal API. */
    @POST
    @Path("/service-token")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public TokenResponse serviceToken(ServiceTokenRequest request) {
        ServiceTokenRequest body = request == null ? new ServiceTokenRequest(null, null) : request;
        new FieldValidator()
                .require("clientId", body.clientId(), 64)
                .require("clientSecret", body.clientSecret(), 256)
                .throwIfInvalid(AccountError.VALIDATION_FAILED);
        AuthService.IssuedToken t = auth.serviceToken(body.clientId(), body.clientSecret());
        return new TokenResponse(t.token(), "Bearer", t.expiresInSeconds());
    }

    @POST
    @Path("/token")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<TokenResponse> token(TokenRequest request) {
        TokenRequest body = request == null ? new TokenRequest(null, null) : request;
        new FieldValidator()
                .require("username", body.username(), 128)
                .require("password", body.password(), 128)
                .throwIfInvalid(AccountError.VALIDATION_FAILED);
        return auth.login(body.username(), body.password())
                .map(t -> new TokenResponse(t.token(), "Bearer", t.expiresInSeconds()));
    }
}
