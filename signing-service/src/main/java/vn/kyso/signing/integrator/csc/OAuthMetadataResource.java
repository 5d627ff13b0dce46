package vn.kyso.signing.integrator.csc;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirements;

/** RFC 8414 authorization server metadata, so a client finds the CSC OAuth 2.0 endpoints and what they support. */
@Path("/.well-known/oauth-authorization-server")
@PermitAll
@Produces(MediaType.APPLICATION_JSON)
public class OAuthMetadataResource {

    private final CscOAuth oauth;

    public OAuthMetadataResource(CscOAuth oauth) {
        this.oauth = oauth;
    }

    @GET
    @Operation(operationId = "oauthAuthorizationServerMetadata", summary = "OAuth 2.0 authorization server metadata"
            + " (RFC 8414)")
    @SecurityRequirements
    public Map<String, Object> metadata() {
        String issuer = oauth.issuer();
        String base = issuer + "/csc/v2/oauth2";
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("issuer", issuer);
        m.put("authorization_endpoint", base + "/authorize");
        m.put("token_endpoint", base + "/token");
        m.put("revocation_endpoint", base + "/revoke");
        m.put("response_types_supported", List.of("code"));
        m.put("response_modes_supported", List.of("query"));
        m.put("grant_types_supported", List.of("authorization_code", "client_credentials", "refresh_token"));
        m.put("code_challenge_methods_supported", List.of("S256"));
        m.put("scopes_supported", List.of("service", "credential"));
        m.put("authorization_details_types_supported", List.of("credential"));
        m.put("token_endpoint_auth_methods_supported", List.of("client_secret_basic", "client_secret_post"));
        m.put("revocation_endpoint_auth_methods_supported", List.of("client_secret_basic", "client_secret_post"));
        m.put("authorization_response_iss_parameter_supported", true);
        m.put("service_documentation", issuer + "/q/openapi");
        return m;
    }
}
