package vn.kyso.signing.validation.rest;

import java.util.Base64;
import java.util.List;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import io.smallrye.mutiny.Uni;
import vn.kyso.commons.problem.ProblemException;
import vn.kyso.commons.security.DisplayText;
import vn.kyso.signing.SigningError;
import vn.kyso.sdk.crypto.AdesValidation;
import vn.kyso.signing.validation.service.Validations;

/** Public validation of signed documents for their recipients: nothing sent here is kept. */
@Path("/api/v1/validations")
@PermitAll
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class ValidationResource {

    private static final int MAX_DETACHED = 10;

    private final Validations validations;

    public ValidationResource(Validations validations) {
        this.validations = validations;
    }

    @POST
    public Uni<ValidationView> validate(ValidationRequest request) {
        if (request == null || request.document() == null || request.document().isBlank()) {
            throw new ProblemException(SigningError.VALIDATION_FAILED, "document (Base64) is required");
        }
        List<ValidationRequest.DetachedContent> detached = request.detachedContents() == null ? List.of()
                : request.detachedContents();
        if (detached.size() > MAX_DETACHED) {
            throw new ProblemException(SigningError.VALIDATION_FAILED, "at most " + MAX_DETACHED
                    + " detached contents");
        }
        String name = DisplayText.fileName(request.name(), "document");
        byte[] document = decode("document", request.document());
        List<AdesValidation.Detached> contents = detached.stream().map(d -> {
            if (d == null || d.content() == null) {
                throw new ProblemException(SigningError.VALIDATION_FAILED, "each detached content needs content");
            }
            return new AdesValidation.Detached(decode("detachedContents.content", d.content()),
                    DisplayText.fileName(d.name(), "content"));
        }).toList();
        return validations.validate(new Validations.Request(document, name, contents,
                Boolean.TRUE.equals(request.reports()))).map(outcome -> ValidationView.of(name, outcome));
    }

    /** Base64 longer than the limit is refused before it is decoded. */
    private byte[] decode(String field, String base64) {
        if ((long) base64.length() * 3 / 4 > validations.maxDocumentBytes() + 3L) {
            throw new ProblemException(SigningError.DOCUMENT_TOO_LARGE, "a document may be at most "
                    + validations.maxDocumentBytes() / (1024 * 1024) + " MiB");
        }
        try {
            return Base64.getDecoder().decode(base64.replaceAll("\\s", ""));
        } catch (IllegalArgumentException e) {
            throw new ProblemException(SigningError.VALIDATION_FAILED, field + " is not Base64");
        }
    }
}
