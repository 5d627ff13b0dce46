package vn.kyso.activation.rest;

import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Response;

import io.smallrye.mutiny.Uni;
import vn.kyso.activation.service.AcceptanceService;
import vn.kyso.activation.service.ActivationError;
import vn.kyso.commons.problem.ProblemException;
import vn.kyso.commons.security.ServiceScopes;

/** What other Kyso services read here with their service credential: the signed acceptance record (for its email). */
@Path("/internal/v1/activations")
@RolesAllowed({ServiceScopes.ACTIVATION_ACCEPTANCE_READ, "operator"})
public class InternalActivationResource {

    private final AcceptanceService acceptance;

    public InternalActivationResource(AcceptanceService acceptance) {
        this.acceptance = acceptance;
    }

    @GET
    @Path("/{accountId}/acceptance-record")
    @Produces({"application/pdf", "application/problem+json"})
    public Uni<Response> acceptanceRecord(@PathParam("accountId") String accountId) {
        UUID account;
        try {
            account = UUID.fromString(accountId);
        } catch (IllegalArgumentException e) {
            throw new ProblemException(ActivationError.ACCEPTANCE_NOT_SIGNED, "No signed acceptance record for this id");
        }
        return acceptance.signedRecord(account).map(AcceptanceRecordPdfResponse::of);
    }
}
