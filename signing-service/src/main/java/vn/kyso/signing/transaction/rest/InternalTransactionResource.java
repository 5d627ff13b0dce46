package vn.kyso.signing.transaction.rest;

import java.time.Clock;
import java.time.Duration;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.jwt.JsonWebToken;

import io.smallrye.mutiny.Uni;
import vn.kyso.commons.problem.CommonError;
import vn.kyso.commons.problem.FieldValidator;
import vn.kyso.commons.problem.ProblemException;
import vn.kyso.commons.security.ServiceScopes;
import vn.kyso.signing.SigningError;
import vn.kyso.signing.transaction.service.TransactionQueries;
import vn.kyso.signing.transaction.service.TransactionRequests;

/** Kyso's own services (and operators) ask for a subscriber's signature: the acceptance record, support cases. */
@Path("/internal/v1/transactions")
@RolesAllowed({ServiceScopes.SIGNING_REQUEST, "operator"})
public class InternalTransactionResource {

    private final TransactionRequests requests;
    private final TransactionQueries transactions;
    private final JsonWebToken caller;
    private final Clock clock;

    public InternalTransactionResource(TransactionRequests requests, TransactionQueries transactions,
            JsonWebToken caller, Clock clock) {
        this.requests = requests;
        this.transactions = transactions;
        this.caller = caller;
        this.clock = clock;
    }

    @POST
    public Uni<Response> create(CreateTransactionRequest request) {
        if (request == null) {
            throw new ProblemException(CommonError.MALFORMED_REQUEST, "A JSON body is required");
        }
        int seconds = (int) requests.lifetime(request.expiresInSeconds()).toSeconds();
        FieldValidator v = new FieldValidator()
                .check("accountId", request.accountId() != null, "is required")
                .check("requestRef", request.requestRef() == null || !request.requestRef().isBlank()
                        && request.requestRef().length() <= 128, "must be 1 to 128 characters")
                .require("appName", request.appName(), 100)
                .require("description", request.description(), 500)
                .check("expiresInSeconds", seconds >= 30 && seconds <= 3600, "must be 30 to 3600");
        var items = TransactionRequests.validateItems(request.items(), v);
        v.throwIfInvalid(SigningError.VALIDATION_FAILED);
        String requester = requester();
        return requests.create(new TransactionRequests.NewTransaction(request.accountId(),
                        TransactionQueries.KYSO_REQUESTER, requester,
                        request.requestRef(), request.appName(), request.description(), Duration.ofSeconds(seconds),
                        items))
                .map(created -> Response.status(created.fresh() ? 201 : 200).entity(TransactionView.of(
                        created.loaded().transaction(), created.loaded().items(), null, null, clock)).build());
    }

    /** The state and signatures of a transaction this caller asked for. */
    @GET
    @Path("/{id}")
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<TransactionView> get(@PathParam("id") String id) {
        return transactions.loadForRequester(requester(), caller.getGroups().contains("operator"),
                TransactionResource.transactionId(id)).map(l -> TransactionView.of(l.transaction(), l.items(), null,
                null, clock));
    }

    /** A file item's document: the signed PDF once the subscriber approved, the original before. */
    @GET
    @Path("/{id}/document")
    @Produces({"application/pdf", "application/problem+json"})
    public Uni<Response> document(@PathParam("id") String id, @QueryParam("docId") String docId) {
        return transactions.documentForRequester(requester(), caller.getGroups().contains("operator"),
                TransactionResource.transactionId(id), docId).map(TransactionResource::pdf);
    }

    private String requester() {
        return caller.getName() == null ? caller.getSubject() : caller.getName();
    }
}
