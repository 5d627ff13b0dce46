package vn.kyso.signing.credential.rest;

import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;

import org.eclipse.microprofile.jwt.JsonWebToken;

import io.smallrye.mutiny.Uni;
import vn.kyso.commons.problem.CommonError;
import vn.kyso.commons.problem.ProblemException;
import vn.kyso.signing.SigningError;
import vn.kyso.signing.credential.model.RecoveryStatus;
import vn.kyso.signing.credential.service.DeviceRecoveries;

/** The operator's side of lost-device recovery: the queue, and approval after verifying who asks out of band. */
@Path("/api/v1/recoveries")
@RolesAllowed("operator")
public class RecoveryResource {

    private final DeviceRecoveries recoveries;
    private final JsonWebToken caller;

    public RecoveryResource(DeviceRecoveries recoveries, JsonWebToken caller) {
        this.recoveries = recoveries;
        this.caller = caller;
    }

    /** Recoveries in one state, oldest first; REQUESTED (waiting for an operator) unless asked otherwise. */
    @GET
    public Uni<List<RecoveryView>> list(@QueryParam("status") String status) {
        RecoveryStatus wanted;
        try {
            wanted = status == null ? RecoveryStatus.REQUESTED : RecoveryStatus.valueOf(status);
        } catch (IllegalArgumentException e) {
            throw new ProblemException(SigningError.VALIDATION_FAILED, "status must be one of REQUESTED, APPROVED, "
                    + "COMPLETED, DECLINED, FAILED");
        }
        return recoveries.byStatus(wanted).map(list -> list.stream().map(RecoveryView::forOperator).toList());
    }

    /** Mails the subscriber a recovery code and stops the lost device at once; the note says how identity was checked. */
    @POST
    @Path("/{id}/approve")
    public Uni<RecoveryView> approve(@PathParam("id") String id, OperatorNote body) {
        return recoveries.approve(recoveryId(id), caller.getName(), note(body)).map(RecoveryView::forOperator);
    }

    @POST
    @Path("/{id}/decline")
    public Uni<RecoveryView> decline(@PathParam("id") String id, OperatorNote body) {
        return recoveries.decline(recoveryId(id), caller.getName(), note(body)).map(RecoveryView::forOperator);
    }

    private static String note(OperatorNote body) {
        if (body == null) {
            throw new ProblemException(CommonError.MALFORMED_REQUEST, "A JSON body is required");
        }
        return body.note();
    }

    private static UUID recoveryId(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw new ProblemException(SigningError.RECOVERY_NOT_FOUND, "No such recovery");
        }
    }
}
