package vn.kyso.account.rest;

import java.util.Map;
import java.util.UUID;

import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.jwt.JsonWebToken;

import io.smallrye.mutiny.Uni;
import vn.kyso.account.service.AccountError;
import vn.kyso.account.service.AuthService;
import vn.kyso.account.service.JwtKeys;
import vn.kyso.commons.problem.FieldValidator;
import vn.kyso.commons.problem.ProblemException;

/** Password login. */
@Path("/api/v1/auth")
@PermitAll
public class AuthResource {

    private final AuthService auth;
    private final JwtKeys keys;
    private final JsonWebToken caller;

    public AuthResource(AuthService auth, JwtKeys keys, JsonWebToken caller) {
        this.auth = auth;
        this.keys = keys;
        this.caller = caller;
    }

    /** Ends the caller's session: its refresh tokens stop working and {@code GET session} answers 401 for it. */
    @POST
    @Path("/logout")
    @RolesAllowed(AuthService.ROLE_SUBSCRIBER)
    public Uni<Response> logout() {
        return auth.logout(callerId(), sessionId()).replaceWith(Response.noContent().build());
    }

    /**
     * Whether the caller's session is still open (204) or was ended by logout or by a replayed refresh token (401
     * {@code SESSION_ENDED}); the portal asks before it relays a request with the session's token.
     */
    @GET
    @Path("/session")
    @RolesAllowed(AuthService.ROLE_SUBSCRIBER)
    public Uni<Response> session() {
        return auth.sessionAlive(callerId(), sessionId()).map(alive -> {
            if (!alive) {
                throw new ProblemException(AccountError.SESSION_ENDED, "This session has ended; sign in again");
            }
            return Response.noContent().build();
        });
    }

    private UUID callerId() {
        return uuid(caller.getSubject());
    }

    private UUID sessionId() {
        Object sid = caller.getClaim(AuthService.SESSION_CLAIM);
        return uuid(sid == null ? null : sid.toString());
    }

    private static UUID uuid(String value) {
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException | NullPointerException e) {
            // A token from before sessions were named: nothing to end or to vouch for.
            throw new ProblemException(AccountError.SESSION_ENDED, "This token names no session; sign in again");
        }
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
