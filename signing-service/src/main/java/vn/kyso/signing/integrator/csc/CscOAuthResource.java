package vn.kyso.signing.integrator.csc;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirements;

import io.smallrye.mutiny.Uni;
import vn.kyso.signing.integrator.model.ServiceProvider;
import vn.kyso.signing.integrator.service.Integrators;

/**
 * The CSC API's OAuth 2.0 authorization server under {@code /csc/v2/oauth2}: the browser's authorization request, the
 * token endpoint (client credentials, authorization code with PKCE, refresh token) and revocation.
 */
@Path("/csc/v2/oauth2")
@PermitAll
@Produces(MediaType.APPLICATION_JSON)
public class CscOAuthResource {

    private static final List<String> AUTHORIZE_PARAMETERS = List.of("response_type", "client_id", "redirect_uri",
            "scope", "code_challenge", "code_challenge_method", "state", "credentialID", "numSignatures", "hashes",
            "hashAlgorithmOID", "description", "authorization_details", "lang", "account_token", "clientData");

    private final CscService csc;
    private final CscOAuth oauth;
    private final Integrators integrators;

    public CscOAuthResource(CscService csc, CscOAuth oauth, Integrators integrators) {
        this.csc = csc;
        this.oauth = oauth;
        this.integrators = integrators;
    }

    /**
     * Sends the subscriber's browser to the portal to sign in and consent; errors go back to the integrator's
     * registered redirect URI, except an unknown client or redirect URI, which are answered here (400).
     */
    @GET
    @Path("/authorize")
    @Operation(operationId = "cscOauth2Authorize", summary = "Start the authorization-code flow in the subscriber's"
            + " browser (CSC §8.3.2); PKCE S256 required, scope service or credential")
    @SecurityRequirements
    @Parameter(name = "response_type", in = ParameterIn.QUERY, required = true,
            schema = @Schema(type = SchemaType.STRING, enumeration = "code"))
    @Parameter(name = "client_id", in = ParameterIn.QUERY, required = true, schema = @Schema(type = SchemaType.STRING))
    @Parameter(name = "redirect_uri", in = ParameterIn.QUERY, description = "One of the client's registered URIs",
            schema = @Schema(type = SchemaType.STRING))
    @Parameter(name = "scope", in = ParameterIn.QUERY,
            schema = @Schema(type = SchemaType.STRING, enumeration = {"service", "credential"}))
    @Parameter(name = "code_challenge", in = ParameterIn.QUERY, required = true,
            schema = @Schema(type = SchemaType.STRING))
    @Parameter(name = "code_challenge_method", in = ParameterIn.QUERY, required = true,
            schema = @Schema(type = SchemaType.STRING, enumeration = "S256"))
    @Parameter(name = "state", in = ParameterIn.QUERY, schema = @Schema(type = SchemaType.STRING))
    @Parameter(name = "credentialID", in = ParameterIn.QUERY, description = "Credential scope",
            schema = @Schema(type = SchemaType.STRING))
    @Parameter(name = "numSignatures", in = ParameterIn.QUERY, description = "Credential scope",
            schema = @Schema(type = SchemaType.INTEGER))
    @Parameter(name = "hashes", in = ParameterIn.QUERY,
            description = "Credential scope: base64url hashes, comma-separated",
            schema = @Schema(type = SchemaType.STRING))
    @Parameter(name = "hashAlgorithmOID", in = ParameterIn.QUERY, description = "Credential scope",
            schema = @Schema(type = SchemaType.STRING))
    @Parameter(name = "description", in = ParameterIn.QUERY, schema = @Schema(type = SchemaType.STRING))
    @Parameter(name = "authorization_details", in = ParameterIn.QUERY,
            description = "RFC 9396: one object of type credential instead of the credential parameters",
            schema = @Schema(type = SchemaType.STRING))
    @APIResponse(responseCode = "302", description = "To the portal's consent screen, or back to the integrator with"
            + " an error")
    public Uni<Response> authorize(@Context UriInfo uri) {
        Map<String, String> params = new LinkedHashMap<>();
        for (var entry : uri.getQueryParameters().entrySet()) {
            if (entry.getValue().size() > 1) {
                return Uni.createFrom().item(refusal("invalid_request", "Parameter " + entry.getKey()
                        + " is repeated"));
            }
            if (AUTHORIZE_PARAMETERS.contains(entry.getKey())) {
                params.put(entry.getKey(), entry.getValue().get(0));
            }
        }
        return oauth.authorize(params).map(next -> Response.seeOther(next).header("Cache-Control", "no-store").build())
                .onFailure(CscOAuth.AuthorizeError.class).recoverWithItem(f -> {
                    CscOAuth.AuthorizeError e = (CscOAuth.AuthorizeError) f;
                    return e.redirect() != null
                            ? Response.seeOther(e.redirect()).header("Cache-Control", "no-store").build()
                            : refusal(e.error(), e.getMessage());
                }).onFailure().recoverWithItem(CscResource::error);
    }

    private static Response refusal(String error, String description) {
        return CscResource.error(new CscError(400, error, description));
    }

    /**
     * OAuth 2.0 tokens: {@code client_credentials} (the integrator's own), {@code authorization_code} (a subscriber's,
     * with the PKCE verifier) and {@code refresh_token} (service scope); the client authenticates with its secret,
     * as form fields or HTTP Basic.
     */
    @POST
    @Path("/token")
    @Operation(operationId = "cscOauth2Token", summary = "An access token: client credentials, authorization code"
            + " (PKCE) or refresh token (CSC §8.3.3)")
    @SecurityRequirements
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_FORM_URLENCODED,
            schema = @Schema(implementation = CscMessages.TokenRequest.class)))
    @APIResponse(responseCode = "200", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = CscMessages.TokenResponse.class)))
    public Uni<Response> token(@HeaderParam("Authorization") String authorization, String body) {
        Map<String, String> form = CscResource.form(body);
        String grant = form.get("grant_type");
        if (grant == null) {
            return Uni.createFrom().item(CscResource.error(CscError.invalidRequest("Missing parameter grant_type")));
        }
        if (!List.of("client_credentials", "authorization_code", "refresh_token").contains(grant)) {
            return Uni.createFrom().item(CscResource.error(new CscError(400, "unsupported_grant_type",
                    "grant_type must be client_credentials, authorization_code or refresh_token")));
        }
        if ("client_credentials".equals(grant)) {
            String[] client = client(authorization, form);
            if (client == null) {
                return Uni.createFrom().item(CscResource.error(malformedBasic()));
            }
            return csc.token(client[0], client[1]).map(CscOAuthResource::noStore)
                    .onFailure().recoverWithItem(CscResource::error);
        }
        return client(authorization, form, sp -> "authorization_code".equals(grant)
                ? oauth.exchangeCode(sp, form.get("code"), form.get("redirect_uri"), form.get("code_verifier"))
                : oauth.refresh(sp, form.get("refresh_token"))).map(CscOAuthResource::noStore)
                .onFailure().recoverWithItem(CscResource::error);
    }

    /** RFC 7009: ends the token's whole authorization (access and refresh tokens alike); 200 for any token. */
    @POST
    @Path("/revoke")
    @Operation(operationId = "cscOauth2Revoke", summary = "Revoke an access or refresh token (CSC §8.3.4, RFC 7009)")
    @SecurityRequirements
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_FORM_URLENCODED,
            schema = @Schema(implementation = CscMessages.RevokeRequest.class)))
    @APIResponse(responseCode = "200", description = "Revoked, or unknown to this client (the same answer)")
    public Uni<Response> revoke(@HeaderParam("Authorization") String authorization, String body) {
        Map<String, String> form = CscResource.form(body);
        String hint = form.get("token_type_hint");
        if (hint != null && !hint.equals("access_token") && !hint.equals("refresh_token")) {
            return Uni.createFrom().item(CscResource.error(new CscError(400, "unsupported_token_type",
                    "token_type_hint must be access_token or refresh_token")));
        }
        return client(authorization, form, sp -> oauth.revoke(sp, form.get("token")).replaceWith(Boolean.TRUE))
                .map(ignored -> Response.ok().header("Cache-Control", "no-store").build())
                .onFailure().recoverWithItem(CscResource::error);
    }

    private <T> Uni<T> client(String authorization, Map<String, String> form,
            java.util.function.Function<ServiceProvider, Uni<T>> work) {
        String[] client = client(authorization, form);
        if (client == null) {
            return Uni.createFrom().failure(malformedBasic());
        }
        return integrators.authenticate(client[0], client[1], Integrators.Counting.COUNTED).chain(sp -> {
            if (sp == null) {
                return Uni.createFrom().failure(new CscError(401, "invalid_client",
                        "Unknown client or wrong secret"));
            }
            return work.apply(sp);
        });
    }

    /** The client's id and secret from HTTP Basic (RFC 6749 §2.3.1) or the form; null when Basic is malformed. */
    private static String[] client(String authorization, Map<String, String> form) {
        if (authorization != null && authorization.startsWith("Basic ")) {
            try {
                String pair = new String(Base64.getDecoder().decode(authorization.substring(6).strip()),
                        StandardCharsets.UTF_8);
                int colon = pair.indexOf(':');
                if (colon > 0) {
                    return new String[] {URLDecoder.decode(pair.substring(0, colon), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(colon + 1), StandardCharsets.UTF_8)};
                }
            } catch (IllegalArgumentException e) {
                return null;
            }
        }
        return new String[] {form.get("client_id"), form.get("client_secret")};
    }

    private static CscError malformedBasic() {
        return new CscError(401, "invalid_client", "Malformed Basic credentials");
    }

    private static Response noStore(Object entity) {
        return Response.ok(entity).header("Cache-Control", "no-store").header("Pragma", "no-cache").build();
    }
}
