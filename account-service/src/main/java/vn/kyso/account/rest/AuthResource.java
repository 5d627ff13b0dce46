package vn.kyso.account.rest;

import jakarta.annotation.security.PermitAll;
import java.util.Map;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import io.smallrye.mutiny.Uni;
import vn.kyso.account.service.AccountError;
import vn.kyso.account.service.AuthService;
import vn.kyso.account.service.JwtKeys;
import vn.kyso.commons.problem.FieldValidator;

/** Password login. */
@Path("/api/v1/auth")
@PermitAll
public class AuthResource {

    private final AuthService auth;
    private final JwtKeys keys;

    public AuthResource(AuthService auth, JwtKeys keys) {
        this.auth = auth;
        this.keys = keys;
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
        return TokenResponse.of(t);
    }

    /** Exchanges a subscriber's refresh token for new tokens (the presented one is spent). */
    @POST
    @Path("/refresh")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<TokenResponse> refresh(RefreshRequest request) {
        String token = request == null ? null : request.refreshToken();
        new FieldValidator().require("refresh_token", token, 128).throwIfInvalid(AccountError.VALIDATION_FAILED);
        return auth.refresh(token).map(TokenResponse::of);
    }

    /** The public key that verifies Kyso's tokens, for other services and integrators. */
    @GET
    @Path("/jwks")
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, Object> jwks() {
        return keys.jwks();
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
                .map(t -> TokenResponse.of(t));
    }
}
