package vn.kyso.signing.rest;

import java.time.Clock;
import java.time.Duration;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.jwt.JsonWebToken;

import io.smallrye.mutiny.Uni;
import vn.kyso.commons.problem.CommonError;
import vn.kyso.commons.problem.FieldValidator;
import vn.kyso.commons.problem.ProblemException;
import vn.kyso.signing.service.SigningError;
import vn.kyso.signing.service.TransactionService;

/** Kyso's own services (and operators) ask for a subscriber's signature: the acceptance record, support cases. */
@Path("/internal/v1/transactions")
@RolesAllowed({"service", "operator"})
public class InternalTransactionResource {

    private final TransactionService transactions;
    private final JsonWebToken caller;
    private final Clock clock;

    public InternalTransactionResource(TransactionService transactions, JsonWebToken caller, Clock clock) {
        this.transactions = transactions;
        this.caller = caller;
        this.clock = clock;
    }

    @POST
    public Uni<Response> create(CreateTransactionRequest request) {
        if (request == null) {
            throw new ProblemException(CommonError.MALFORMED_REQUEST, "A JSON body is required");
        }
        int seconds = request.expiresInSeconds() == null ? 300 : request.expiresInSeconds();
        FieldValidator v = new FieldValidator()
                .check("accountId", request.accountId() != null, "is required")
                .require("appName", request.appName(), 100)
                .require("description", request.description(), 500)
                .check("expiresInSeconds", seconds >= 30 && seconds <= 3600, "must be 30 to 3600");
        var items = TransactionService.validateItems(request.items(), v);
        v.throwIfInvalid(SigningError.VALIDATION_FAILED);
        String requester = caller.getName() == null ? caller.getSubject() : caller.getName();
        return transactions.create(new TransactionService.NewTransaction(request.accountId(), "KYSO", requester,
                        request.appName(), request.description(), Duration.ofSeconds(seconds), items))
                .map(loaded -> Response.status(201).entity(TransactionView.of(loaded.transaction(), loaded.items(),
                        null, null, clock)).build());
    }
}
