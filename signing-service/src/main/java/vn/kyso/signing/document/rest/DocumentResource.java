package vn.kyso.signing.document.rest;

import java.time.Clock;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.jwt.JsonWebToken;

import io.smallrye.mutiny.Uni;
import vn.kyso.commons.problem.FieldValidator;
import vn.kyso.commons.problem.ProblemException;
import vn.kyso.commons.security.DisplayText;
import vn.kyso.signing.SigningError;
import vn.kyso.signing.document.service.Documents;
import vn.kyso.signing.transaction.rest.TransactionResource;
import vn.kyso.signing.transaction.rest.TransactionView;

/** "Ký tài liệu": the subscriber's own PDFs — upload, preview, place and request the signature, download, delete. */
@Path("/api/v1/documents")
@RolesAllowed("subscriber")
public class DocumentResource {

    private final Documents documents;
    private final JsonWebToken caller;
    private final Clock clock;

    public DocumentResource(Documents documents, JsonWebToken caller, Clock clock) {
        this.documents = documents;
        this.caller = caller;
        this.clock = clock;
    }

    @POST
    public Uni<Response> upload(UploadDocumentRequest request) {
        if (request == null || request.document() == null || request.document().isBlank()) {
            throw new ProblemException(SigningError.VALIDATION_FAILED, "document (Base64 of a PDF) is required");
        }
        String name = name(request.fileName());
        new FieldValidator().check("fileName", !DisplayText.deceptive(name), DisplayText.REASON)
                .throwIfInvalid(SigningError.VALIDATION_FAILED);
        if ((long) request.document().length() * 3 / 4 > documents.maxDocumentBytes() + 3L) {
            throw new ProblemException(SigningError.DOCUMENT_TOO_LARGE, "a document may be at most "
                    + documents.maxDocumentBytes() / (1024 * 1024) + " MiB");
        }
        byte[] pdf;
        try {
            pdf = Base64.getDecoder().decode(request.document().replaceAll("\\s", ""));
        } catch (IllegalArgumentException e) {
            throw new ProblemException(SigningError.VALIDATION_FAILED, "document is not Base64");
        }
        return documents.upload(subscriber(), name, pdf).map(shown -> Response.status(201)
                .entity(DocumentView.of(shown, clock)).build());
    }

    @GET
    public Uni<List<DocumentView>> list() {
        return documents.list(subscriber()).map(list -> list.stream().map(s -> DocumentView.of(s, clock)).toList());
    }

    /** The document with its pages' sizes and empty signature fields. */
    @GET
    @Path("/{id}")
    public Uni<DocumentView> get(@PathParam("id") String id) {
        return documents.get(subscriber(), documentId(id)).map(s -> DocumentView.of(s, clock));
    }

    /** A page as a PNG for placing the signature (the signed PDF's once signed). */
    @GET
    @Path("/{id}/pages/{number}")
    @Produces({"image/png", "application/problem+json"})
    public Uni<Response> page(@PathParam("id") String id, @PathParam("number") String number) {
        int page;
        try {
            page = Integer.parseInt(number);
        } catch (NumberFormatException e) {
            throw new ProblemException(SigningError.VALIDATION_FAILED, "the page is a number from 1");
        }
        return documents.page(subscriber(), documentId(id), page).map(png -> Response.ok(png, "image/png")
                .header("Cache-Control", "private, no-store").build());
    }

    /** The signed PDF once signed, else the original. */
    @GET
    @Path("/{id}/content")
    @Produces({"application/pdf", "application/problem+json"})
    public Uni<Response> content(@PathParam("id") String id) {
        return documents.content(subscriber(), documentId(id)).map(TransactionResource::pdf);
    }

    /** Asks for the subscriber's signature where they placed it: a transaction to approve with PIN + passkey. */
    @POST
    @Path("/{id}/signature-requests")
    public Uni<Response> requestSignature(@PathParam("id") String id, SignDocumentRequest request) {
        if (request == null) {
            throw new ProblemException(SigningError.VALIDATION_FAILED, "placement is required");
        }
        new FieldValidator().check("reason", request.reason() == null || request.reason().length() <= 200,
                        "must be at most 200 characters")
                .throwIfInvalid(SigningError.VALIDATION_FAILED);
        SignDocumentRequest.Placement p = request.placement();
        Documents.Placement placement = p == null ? null
                : new Documents.Placement(p.page(), p.x(), p.y(), p.width(), p.height(), p.field());
        return documents.requestSignature(subscriber(), documentId(id), placement, request.reason())
                .map(loaded -> Response.status(201).entity(TransactionView.of(loaded.transaction(), loaded.items(),
                        null, null, clock)).build());
    }

    /** Deletes the document and its bytes everywhere; the attempts stay in the transaction history. */
    @DELETE
    @Path("/{id}")
    public Uni<Response> delete(@PathParam("id") String id) {
        return documents.delete(subscriber(), documentId(id)).map(ignored -> Response.noContent().build());
    }

    private UUID subscriber() {
        return UUID.fromString(caller.getSubject());
    }

    private static UUID documentId(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw new ProblemException(SigningError.DOCUMENT_NOT_FOUND, "No such document for this subscriber");
        }
    }

    /** The name as shown (see {@link DisplayText#fileName}), without ".pdf": the download adds it. */
    static String name(String name) {
        return DisplayText.fileName(name == null ? null : name.strip().replaceAll("(?i)\\.pdf$", ""), "tai-lieu");
    }
}
