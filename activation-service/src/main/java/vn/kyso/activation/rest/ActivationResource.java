package vn.kyso.activation.rest;

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

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import vn.kyso.activation.model.ActivationState;
import vn.kyso.activation.service.AcceptanceService;
import vn.kyso.activation.service.ActivationError;
import vn.kyso.activation.service.ActivationService;
import vn.kyso.activation.service.ActivationWizard;
import vn.kyso.commons.problem.CommonError;
import vn.kyso.commons.problem.ProblemException;

/** The activation wizard's API for the app and the portal. */
@Path("/api/v1/activation")
@Produces(MediaType.APPLICATION_JSON)
public class ActivationResource {

    private final ActivationWizard wizard;
    private final ActivationService activations;
    private final AcceptanceService acceptance;
    private final JsonWebToken caller;

    public ActivationResource(ActivationWizard wizard, ActivationService activations, AcceptanceService acceptance,
            JsonWebToken caller) {
        this.wizard = wizard;
        this.activations = activations;
        this.acceptance = acceptance;
        this.caller = caller;
    }

    /** Step 1/4: identifier + activation code + new password + confirmation + terms. */
    @POST
    @Path("/verify")
    @PermitAll
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<VerifyResponse> verify(VerifyRequest request) {
        if (request == null) {
            throw new ProblemException(CommonError.MALFORMED_REQUEST, "A JSON body is required");
        }
        return wizard.verify(request).map(v -> new VerifyResponse(v.activationId(), "PIN", v.token().accessToken(),
                "Bearer", v.token().expiresIn()));
    }

    /** A new code by email; the answer is the same whether or not the identifier has a pending activation. */
    @POST
    @Path("/resend")
    @PermitAll
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<Response> resend(ResendRequest request) {
        if (request == null) {
            throw new ProblemException(CommonError.MALFORMED_REQUEST, "A JSON body is required");
        }
        return wizard.resend(request.identifier()).map(ignored -> Response.accepted(Map.of("message",
                "If this identifier has an activation waiting, a new code has been emailed.")).build());
    }

    /** Operator help desk: unlock the activation of an account and email a new code. */
    @POST
    @Path("/{accountId}/reissue-code")
    @RolesAllowed("operator")
    public Uni<Response> reissue(@jakarta.ws.rs.PathParam("accountId") String accountId) {
        UUID id;
        try {
            id = UUID.fromString(accountId);
        } catch (IllegalArgumentException e) {
            throw new ProblemException(ActivationError.ACTIVATION_NOT_FOUND, "No activation for account " + accountId);
        }
        return wizard.reissueByOperator(id).map(ignored -> Response.accepted(Map.of("message",
                "The activation is unlocked and a new code has been emailed.")).build());
    }

    /** The subscriber's current step, with the acceptance record's signing once it exists. */
    @GET
    @Path("/status")
    @RolesAllowed("subscriber")
    @WithSession
    public Uni<StatusResponse> status() {
        UUID account = UUID.fromString(caller.getSubject());
        return activations.forAccount(account)
                .onItem().ifNull().failWith(() -> new ProblemException(ActivationError.ACTIVATION_NOT_FOUND,
                        "No activation for this account"))
                .chain(a -> acceptance.current(account).map(r -> new StatusResponse(a.id, a.state.name(),
                        step(a.state), 4, r == null ? null : new StatusResponse.Acceptance(r.status.name(),
                                r.transactionId, r.attempt))));
    }

    /** Asks for the acceptance record's signature again after the subscriber rejected it or let it expire. */
    @POST
    @Path("/acceptance")
    @RolesAllowed("subscriber")
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<Response> requestAcceptanceAgain() {
        return acceptance.requestAgain(UUID.fromString(caller.getSubject())).map(r -> Response.accepted(
                new StatusResponse.Acceptance(r.status.name(), r.transactionId, r.attempt)).build());
    }

    /** The signed acceptance record (PAdES), once step 4/4 is done. */
    @GET
    @Path("/acceptance-record")
    @RolesAllowed("subscriber")
    @Produces({"application/pdf", "application/problem+json"})
    public Uni<Response> acceptanceRecord() {
        return acceptance.signedRecord(UUID.fromString(caller.getSubject())).map(AcceptanceRecordPdfResponse::of);
    }

    private static int step(ActivationState state) {
        return switch (state) {
            case CODE_SENT -> 1;
            case PASSWORD_SET -> 2;
            case PIN_SET, KEY_ACTIVE -> 3;
            case CERT_ISSUED -> 4;
            case ACCEPTANCE_SIGNED -> 5;
        };
    }
}
