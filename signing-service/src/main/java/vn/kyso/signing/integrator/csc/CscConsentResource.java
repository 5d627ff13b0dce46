package vn.kyso.signing.integrator.csc;

import java.net.URI;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;

import io.smallrye.mutiny.Uni;
import vn.kyso.commons.problem.ProblemException;

/**
 * The subscriber's side of the OAuth 2.0 authorization-code flow, used by the portal's consent screen: take up a
 * request, then allow (a code goes to the integrator) or refuse it.
 */
@Path("/api/v1/oauth-requests")
@RolesAllowed("subscriber")
@Produces(MediaType.APPLICATION_JSON)
public class CscConsentResource {

    /** Where the browser goes next: back to the integrator with a code or an error. */
    public record Redirect(String redirect) {

        static Redirect to(URI uri) {
            return new Redirect(uri.toString());
        }
    }

    private final CscOAuth oauth;
    private final JsonWebToken caller;

    public CscConsentResource(CscOAuth oauth, JsonWebToken caller) {
        this.oauth = oauth;
        this.caller = caller;
    }

    @GET
    @Path("/{id}")
    @Operation(operationId = "oauthRequestGet", summary = "An authorization request this subscriber took up")
    public Uni<CscOAuth.Consent> get(@PathParam("id") String id) {
        return oauth.view(id(id), subscriber());
    }

    /** Makes the request this subscriber's and, for the credential scope, the transaction to approve. */
    @POST
    @Path("/{id}/claim")
    @Operation(operationId = "oauthRequestClaim", summary = "Take up an authorization request after signing in")
    public Uni<CscOAuth.Consent> claim(@PathParam("id") String id) {
        return oauth.claim(id(id), subscriber());
    }

    @POST
    @Path("/{id}/consent")
    @Operation(operationId = "oauthRequestConsent", summary = "Allow: the integrator gets a single-use code (credential"
            + " scope: once the transaction is approved with PIN and passkey)")
    public Uni<Redirect> consent(@PathParam("id") String id) {
        return oauth.consent(id(id), subscriber()).map(Redirect::to);
    }

    @POST
    @Path("/{id}/deny")
    @Operation(operationId = "oauthRequestDeny", summary = "Refuse: the integrator hears access_denied")
    public Uni<Redirect> deny(@PathParam("id") String id) {
        return oauth.deny(id(id), subscriber()).map(Redirect::to);
    }

    private UUID subscriber() {
        return UUID.fromString(caller.getSubject());
    }

    private static UUID id(String raw) {
        try {
            return UUID.fromString(raw);
        } catch (IllegalArgumentException e) {
            throw new ProblemException(ConsentError.REQUEST_NOT_FOUND, "No such authorization request");
        }
    }
}
