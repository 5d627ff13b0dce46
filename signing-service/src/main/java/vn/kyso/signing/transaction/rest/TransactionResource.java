package vn.kyso.signing.transaction.rest;

import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

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
import org.jboss.resteasy.reactive.RestStreamElementType;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import vn.kyso.commons.problem.CommonError;
import vn.kyso.commons.problem.ProblemException;
import vn.kyso.signing.transaction.model.TransactionStatus;
import vn.kyso.signing.SigningError;
import vn.kyso.signing.transaction.service.Approvals;
import vn.kyso.signing.transaction.service.ShownDocument;
import vn.kyso.signing.transaction.service.TransactionQueries;
import vn.kyso.signing.transaction.service.TransactionStream;
import vn.kyso.signing.credential.rest.ApprovalRequest;

/** The subscriber's side of signing: pending requests, details with a fresh challenge, approve, reject. */
@Path("/api/v1/transactions")
@RolesAllowed("subscriber")
public class TransactionResource {

    private final TransactionQueries transactions;
    private final Approvals approvals;
    private final TransactionStream stream;
    private final JsonWebToken caller;
    private final Clock clock;

    public TransactionResource(TransactionQueries transactions, Approvals approvals, TransactionStream stream,
            JsonWebToken caller, Clock clock) {
        this.transactions = transactions;
        this.approvals = approvals;
        this.stream = stream;
        this.caller = caller;
        this.clock = clock;
    }

    @GET
    public Uni<List<TransactionView>> list(@QueryParam("status") String status) {
        TransactionStatus filter = null;
        if (status != null) {
            try {
                filter = TransactionStatus.valueOf(status.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new ProblemException(SigningError.VALIDATION_FAILED,
                        "status must be PENDING, SIGNED, REJECTED, EXPIRED or FAILED");
            }
        }
        return transactions.list(subscriber(), filter).map(list -> list.stream()
                .map(l -> TransactionView.of(l.transaction(), l.items(), null, null, clock)).toList());
    }

    /**
     * Server-sent events: each change of this subscriber's transactions (requested, signed, rejected, expired) as it
     * happens, and a heartbeat every 15 s; the app refetches its list on each change, so nothing is missed on reconnect.
     */
    @GET
    @Path("/events")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @RestStreamElementType(MediaType.APPLICATION_JSON)
    public Multi<TransactionStream.Change> events() {
        return stream.of(subscriber());
    }

    /** The details, with a fresh challenge while the transaction waits. */
    @GET
    @Path("/{id}")
    public Uni<TransactionView> get(@PathParam("id") String id) {
        return transactions.get(subscriber(), transactionId(id)).chain(loaded -> {
            boolean open = loaded.transaction().status == TransactionStatus.PENDING
                    && clock.instant().isBefore(loaded.transaction().expiresAt);
            if (!open) {
                return Uni.createFrom().item(TransactionView.of(loaded.transaction(), loaded.items(), null, null, clock));
            }
            return approvals.challenge(loaded).map(c -> TransactionView.of(loaded.transaction(), loaded.items(),
                    c.challenge, c.expiresAt, clock));
        });
    }

    /** "View document": the PDF of a file item (the signed one once approved); {@code docId} picks among several. */
    @GET
    @Path("/{id}/document")
    @Produces({"application/pdf", "application/problem+json"})
    public Uni<Response> document(@PathParam("id") String id, @QueryParam("docId") String docId) {
        return transactions.document(subscriber(), transactionId(id), docId).map(TransactionResource::pdf);
    }

    /** A PDF for the browser to show, named as the subscriber knows it. */
    public static Response pdf(ShownDocument document) {
        String ascii = document.fileName().replaceAll("[^A-Za-z0-9._ -]", "_");
        String utf8 = java.net.URLEncoder.encode(document.fileName(), java.nio.charset.StandardCharsets.UTF_8)
                .replace("+", "%20");
        return Response.ok(document.content(), document.contentType())
                .header("Content-Disposition", "inline; filename=\"" + ascii + ".pdf\"; filename*=UTF-8''" + utf8
                        + ".pdf")
                .header("Cache-Control", "no-store").build();
    }

    @POST
    @Path("/{id}/confirm")
    public Uni<TransactionView> confirm(@PathParam("id") String id, ApprovalRequest request) {
        body(request);
        return approvals.confirm(subscriber(), transactionId(id), request.pin(), request.challenge(),
                request.device()).map(l -> TransactionView.of(l.transaction(), l.items(), null, null, clock));
    }

    @POST
    @Path("/{id}/reject")
    public Uni<TransactionView> reject(@PathParam("id") String id, ApprovalRequest request) {
        body(request);
        return approvals.reject(subscriber(), transactionId(id), request.challenge(), request.device())
                .map(l -> TransactionView.of(l.transaction(), l.items(), null, null, clock));
    }

    private UUID subscriber() {
        return UUID.fromString(caller.getSubject());
    }

    static UUID transactionId(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw new ProblemException(SigningError.TRANSACTION_NOT_FOUND, "No such transaction for this subscriber");
        }
    }

    private static void body(Object request) {
        if (request == null) {
            throw new ProblemException(CommonError.MALFORMED_REQUEST, "A JSON body is required");
        }
    }
}
