package vn.kyso.signing.integrator.rest;

import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;

import org.eclipse.microprofile.jwt.JsonWebToken;

import io.smallrye.mutiny.Uni;
import vn.kyso.commons.problem.CommonError;
import vn.kyso.commons.problem.ProblemException;
import vn.kyso.signing.SigningError;
import vn.kyso.signing.integrator.service.Consents;

/** The subscriber's list of integrators: who asked, and which may reach them (allowed) or not (blocked). */
@Path("/api/v1/integrators")
@RolesAllowed("subscriber")
public class IntegratorConsentResource {

    private final Consents consents;
    private final JsonWebToken caller;

    public IntegratorConsentResource(Consents consents, JsonWebToken caller) {
        this.consents = consents;
        this.caller = caller;
    }

    /** @param decision {@code ALLOWED} or {@code BLOCKED} */
    public record Decision(String decision) {
    }

    /** Integrators that asked this subscriber or were decided on; {@code decision} null while undecided. */
    @GET
    public Uni<List<Consents.Entry>> list() {
        return consents.list(subscriber());
    }

    /**
     * Allows or blocks one integrator for this subscriber. Blocked, it learns nothing more: its requests and look-ups
     * answer as for an unknown subscriber, and its OAuth 2.0 grants from this subscriber are revoked.
     */
    @PUT
    @Path("/{spId}/consent")
    public Uni<Consents.Entry> decide(@PathParam("spId") String spId, Decision body) {
        if (body == null) {
            throw new ProblemException(CommonError.MALFORMED_REQUEST, "A JSON body is required");
        }
        UUID id;
        try {
            id = UUID.fromString(spId);
        } catch (IllegalArgumentException e) {
            throw new ProblemException(SigningError.INTEGRATOR_NOT_FOUND, "No such integrator");
        }
        return consents.decide(subscriber(), id, body.decision());
    }

    private UUID subscriber() {
        return UUID.fromString(caller.getSubject());
    }
}
