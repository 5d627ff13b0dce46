package vn.kyso.account.rest;

import java.net.URI;
import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.jwt.JsonWebToken;

import io.smallrye.mutiny.Uni;
import vn.kyso.account.service.AccountError;
import vn.kyso.account.service.AuthService;
import vn.kyso.account.service.ServiceProviderService;
import vn.kyso.commons.problem.CommonError;
import vn.kyso.commons.problem.ProblemException;

/** Operator API of the integrator (SP) registry. */
@Path("/api/v1/service-providers")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(AuthService.ROLE_OPERATOR)
public class ServiceProviderResource {

    private final ServiceProviderService providers;
    private final JsonWebToken operator;

    public ServiceProviderResource(ServiceProviderService providers, JsonWebToken operator) {
        this.providers = providers;
        this.operator = operator;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<Response> register(ServiceProviderRequest request) {
        if (request == null) {
            throw new ProblemException(CommonError.MALFORMED_REQUEST, "A JSON body is required");
        }
        return providers.register(request.name(), request.webhookUrl(), request.redirectUris(),
                operator.getSubject()).map(r -> Response
                .created(URI.create("/api/v1/service-providers/" + r.provider().id))
                .entity(new ServiceProviderCredentials(r.provider().id, r.secret(), r.provider().name,
                        r.provider().status))
                .build());
    }

    @GET
    public Uni<List<ServiceProviderView>> list() {
        return providers.list().map(all -> all.stream().map(ServiceProviderView::of).toList());
    }

    /** Replaces the SP's OAuth 2.0 redirect URIs (an empty list ends its use of the authorization-code flow). */
    @PUT
    @Path("/{spId}/redirect-uris")
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<ServiceProviderView> redirectUris(@PathParam("spId") String spId, RedirectUrisRequest request) {
        if (request == null || request.redirectUris() == null) {
            throw new ProblemException(CommonError.MALFORMED_REQUEST, "A JSON body with redirectUris is required");
        }
        return providers.setRedirectUris(id(spId), request.redirectUris(), operator.getSubject())
                .map(ServiceProviderView::of);
    }

    @POST
    @Path("/{spId}/disable")
    public Uni<ServiceProviderView> disable(@PathParam("spId") String spId) {
        return providers.disable(id(spId), operator.getSubject()).map(ServiceProviderView::of);
    }

    @POST
    @Path("/{spId}/rotate-secret")
    public Uni<ServiceProviderCredentials> rotate(@PathParam("spId") String spId) {
        return providers.rotateSecret(id(spId), operator.getSubject()).map(r -> new ServiceProviderCredentials(r.provider().id, r.secret(),
                r.provider().name, r.provider().status));
    }

    private static UUID id(String raw) {
        try {
            return UUID.fromString(raw);
        } catch (IllegalArgumentException e) {
            throw new ProblemException(AccountError.SERVICE_PROVIDER_NOT_FOUND, "No service provider " + raw);
        }
    }
}
