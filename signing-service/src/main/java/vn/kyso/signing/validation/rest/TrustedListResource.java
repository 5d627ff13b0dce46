package vn.kyso.signing.validation.rest;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import io.smallrye.common.annotation.Blocking;
import vn.kyso.sdk.crypto.TrustedLists;
import vn.kyso.signing.validation.service.Validations;

/** The operator's view of the trusted lists validation anchors to: what each one gave, and a refresh on demand. */
@Path("/internal/v1/trusted-lists")
@RolesAllowed("operator")
@Produces(MediaType.APPLICATION_JSON)
public class TrustedListResource {

    private final Validations validations;

    public TrustedListResource(Validations validations) {
        this.validations = validations;
    }

    /** Each list as the last refresh found it: used or not, and why not. */
    @GET
    public List<TrustedLists.Status> status() {
        return validations.trustedListStatus();
    }

    /** Fetches and checks every list now (a new list or signer applies without waiting for the next refresh). */
    @POST
    @Path("/refresh")
    @Blocking
    public List<TrustedLists.Status> refresh() {
        return validations.refreshTrustedLists();
    }
}
