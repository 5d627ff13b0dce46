package vn.kyso.signing.integrator.sp769;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.smallrye.mutiny.Uni;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import vn.kyso.commons.problem.Outages;
import vn.kyso.commons.problem.ProblemException;
import vn.kyso.commons.throttle.Throttled;
import vn.kyso.commons.throttle.ThrottledAnswer;
import vn.kyso.signing.crypto.WebhookSignatures;
import vn.kyso.signing.integrator.service.LenientMessages;

/**
 * The SmartCA SP769 integrator API, byte for byte as {@code contracts/sp769.md}: bodies are read leniently (unknown
 * fields, any content type, empty bodies where allowed) and every answer is the {@code status_code / message / data}
 * envelope with the same HTTP status.
 */
@Path("/sca/sp769")
@PermitAll
@Produces(MediaType.APPLICATION_JSON)
public class Sp769Resource {

    private static final Logger LOG = Logger.getLogger(Sp769Resource.class);

    private final Sp769Service sp769;
    private final ObjectMapper json;
    private final WebhookSignatures webhookSignatures;
    private final LenientMessages messages;

    public Sp769Resource(Sp769Service sp769, ObjectMapper json, WebhookSignatures webhookSignatures,
            LenientMessages messages) {
        this.messages = messages;
        this.sp769 = sp769;
        this.json = json;
        this.webhookSignatures = webhookSignatures;
    }

    /**
     * The public keys that verify {@code X-Kyso-Signature} on webhooks (a JWK set, Ed25519), by {@code kid}; a Kyso
     * addition to the contract, as the signature header is.
     */
    @GET
    @Path("/v1/webhook-keys")
    public Response webhookKeys() {
        return Response.ok(webhookSignatures.keySet()).header("Cache-Control", "public, max-age=3600").build();
    }

    @Operation(summary = "The subscriber's certificates")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = Sp769Messages.GetCertificateRequest.class)))
    @APIResponse(responseCode = "200", description = "The answer in the contract's envelope",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = Sp769Messages.Envelope.class)))
    @POST
    @Path("/v1/credentials/get_certificate")
    public Uni<Response> getCertificate(String body) {
        return parse(body, Sp769Messages.GetCertificateRequest.class).chain(b -> sp769.authenticate(b.spId(),
                b.spPassword()).chain(sp -> sp769.certificates(sp, b.userId(), b.serialNumber(), b.transactionId())))
                .map(certs -> ok("SUCCESS", Map.of("user_certificates", certs)))
                .onFailure().recoverWithItem(this::failure);
    }

    @Operation(summary = "Ask the subscriber to sign hashes, approved in the app")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = Sp769Messages.SignRequest.class)))
    @APIResponse(responseCode = "200", description = "The answer in the contract's envelope",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = Sp769Messages.Envelope.class)))
    @POST
    @Path("/v1/signatures/sign")
    public Uni<Response> sign(String body) {
        return parse(body, Sp769Messages.SignRequest.class).chain(b -> sp769.authenticate(b.spId(), b.spPassword())
                .chain(sp -> sp769.sign(sp, b.userId(), b.transactionId(), b.transactionDesc(), b.serialNumber(),
                        files(b.signFiles()), Boolean.TRUE.equals(b.timestampSignature()))))
                .map(created -> {
                    if (!created.fresh()) {
                        // The same transaction_id again: the answer is that transaction's state, final or not, as
                        // the status call gives it (a finished one is never "waiting" again).
                        Sp769Service.StatusAnswer answer = sp769.statusAnswer(created.loaded());
                        return ok(answer.message(), answer.data());
                    }
                    Map<String, Object> data = new LinkedHashMap<>();
                    data.put("transaction_id", created.loaded().transaction().requestRef);
                    data.put("tran_code", created.loaded().transaction().id.toString());
                    data.put("expired_in", sp769.expiresIn(created.loaded().transaction()));
                    return ok("sig_wait_for_user_confirm", data);
                })
                .onFailure().recoverWithItem(this::failure);
    }

    /** SmartCA TH v2: password + TOTP of a delegating subscriber → a transaction and its SAD. */
    @Operation(summary = "TH v2: sign with a delegating subscriber's password and TOTP")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = Sp769Messages.V2SignRequest.class)))
    @APIResponse(responseCode = "200", description = "The answer in the contract's envelope",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = Sp769Messages.Envelope.class)))
    @POST
    @Path("/v2/signatures/sign")
    public Uni<Response> signV2(String body) {
        return parse(body, Sp769Messages.V2SignRequest.class).chain(b -> sp769.authenticate(b.spId(),
                b.spPassword()).chain(sp -> sp769.v2Sign(sp, b.userId(), b.password(), b.otp(), b.transactionId(),
                        b.transactionDesc(), b.serialNumber(), files(b.signFiles()),
                        Boolean.TRUE.equals(b.timestampSignature()))))
                .map(signed -> {
                    Map<String, Object> data = new LinkedHashMap<>();
                    data.put("transaction_id", signed.created().loaded().transaction().id.toString());
                    data.put("tran_code", signed.created().loaded().transaction().id.toString());
                    data.put("sad", signed.sad());
                    data.put("expired_in", sp769.expiresIn(signed.created().loaded().transaction()));
                    return ok("sig_wait_for_user_confirm", data);
                })
                .onFailure().recoverWithItem(this::failure);
    }

    /** SmartCA TH v2: the SAD (single use) + password → the signatures, synchronously. */
    @Operation(summary = "TH v2: the signatures for a SAD")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = Sp769Messages.V2ConfirmRequest.class)))
    @APIResponse(responseCode = "200", description = "The answer in the contract's envelope",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = Sp769Messages.Envelope.class)))
    @POST
    @Path("/v2/signatures/confirm")
    public Uni<Response> confirmV2(String body) {
        return parse(body, Sp769Messages.V2ConfirmRequest.class).chain(b -> sp769.authenticate(b.spId(),
                b.spPassword()).chain(sp -> sp769.v2Confirm(sp, b.userId(), b.password(), b.transactionId(),
                        b.sad())))
                .map(loaded -> {
                    Map<String, Object> data = new LinkedHashMap<>();
                    data.put("transaction_id", loaded.transaction().id.toString());
                    data.put("expired_in", sp769.expiresIn(loaded.transaction()));
                    data.put("signatures", Sp769Service.signatures(loaded.items()));
                    return ok("Success", data);
                })
                .onFailure().recoverWithItem(this::failure);
    }

    /** No credentials needed here (the contract's clients do not send them); a body is optional. */
    @Operation(summary = "A transaction's state and signatures")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = Sp769Messages.StatusRequest.class)))
    @APIResponse(responseCode = "200", description = "The answer in the contract's envelope",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = Sp769Messages.Envelope.class)))
    @POST
    @Path("/v1/signatures/sign/{id}/status")
    public Uni<Response> status(@PathParam("id") String id, String body) {
        Sp769Messages.StatusRequest b = lenient(body);
        // Credentials are optional here (the contract's clients often omit them), but when sent they must be right.
        Uni<?> authenticated = b.spPassword() == null ? Uni.createFrom().voidItem()
                : sp769.authenticateOptional(b.spId(), b.spPassword());
        return authenticated.chain(() -> sp769.status(id, b.spId())).map(loaded -> {
            Sp769Service.StatusAnswer answer = sp769.statusAnswer(loaded);
            return ok(answer.message(), answer.data());
        }).onFailure().recoverWithItem(this::failure);
    }

    /** The body read into its contract record (see {@link LenientMessages}), or the contract's bad-request answer. */
    private <T> Uni<T> parse(String body, Class<T> type) {
        if (body == null || body.isBlank()) {
            return Uni.createFrom().failure(new Sp769Error.Failure(Sp769Error.BAD_REQUEST, "A JSON body is required"));
        }
        try {
            JsonNode node = json.readTree(body);
            if (node == null || !node.isObject()) {
                throw new Sp769Error.Failure(Sp769Error.BAD_REQUEST, "The body must be a JSON object");
            }
            if (body.indexOf('\u0000') >= 0 || body.contains("\\u0000")) {
                // PostgreSQL text cannot hold NUL: refuse it here rather than fail at the database.
                throw new Sp769Error.Failure(Sp769Error.BAD_REQUEST, "Text may not contain a NUL character");
            }
            return Uni.createFrom().item(messages.read(node, type));
        } catch (JsonProcessingException e) {
            return Uni.createFrom().failure(new Sp769Error.Failure(Sp769Error.BAD_REQUEST, "The body is not JSON"));
        } catch (Sp769Error.Failure e) {
            return Uni.createFrom().failure(e);
        }
    }

    private Sp769Messages.StatusRequest lenient(String body) {
        try {
            JsonNode node = body == null || body.isBlank() || body.indexOf('\u0000') >= 0 || body.contains("\\u0000")
                    ? null : json.readTree(body);
            return node != null && node.isObject() ? messages.read(node, Sp769Messages.StatusRequest.class)
                    : new Sp769Messages.StatusRequest(null, null);
        } catch (JsonProcessingException e) {
            return new Sp769Messages.StatusRequest(null, null);
        }
    }

    /** A file of the wrong shape is kept as an empty one, so the service says which field is missing. */
    private static List<Sp769Service.SignFile> files(List<Sp769Messages.SignFile> files) {
        if (files == null) {
            return List.of();
        }
        List<Sp769Service.SignFile> out = new ArrayList<>();
        for (Sp769Messages.SignFile f : files) {
            out.add(f == null ? new Sp769Service.SignFile(null, null, null)
                    : new Sp769Service.SignFile(f.docId(), f.fileType(), f.dataToBeSigned()));
        }
        return out;
    }

    private static Response ok(String message, Object data) {
        return envelope(200, message, data);
    }

    private Response failure(Throwable failure) {
        if (failure instanceof Throttled t) {
            return throttled(t);
        }
        if (failure instanceof ProblemException p) {
            failure = Sp769Error.from(p);
        }
        if (failure instanceof Sp769Error.Failure f) {
            return envelope(f.error().status(), f.getMessage(), null);
        }
        if (Outages.isOutage(failure)) {
            // The contract has no "try again" code: SERVER_INTERNAL_ERROR it is, but not logged as a bug.
            LOG.warnf("SP769 call while the database is unavailable: %s", failure.getMessage());
        } else {
            LOG.errorf(failure, "SP769 call failed");
        }
        return envelope(500, Sp769Error.SERVER_INTERNAL_ERROR.name(), null);
    }

    /** The contract's envelope for "too many requests", with the HTTP status equal to its {@code status_code}. */
    static Response throttled(Throttled t) {
        return Response.fromResponse(envelope(429, Sp769Error.TOO_MANY_REQUESTS.name(), null))
                .header(jakarta.ws.rs.core.HttpHeaders.RETRY_AFTER, t.retryAfterSeconds()).build();
    }

    /** Budgets on SP769 paths answer in its envelope. */
    @jakarta.inject.Singleton
    public static class Dialect implements ThrottledAnswer {

        @Override
        public java.util.Optional<Response> answer(String path, Throttled throttled) {
            return path.startsWith("/sca/sp769/") ? java.util.Optional.of(throttled(throttled))
                    : java.util.Optional.empty();
        }
    }

    private static Response envelope(int status, String message, Object data) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status_code", status);
        body.put("message", message);
        body.put("data", data);
        return Response.status(status).type(MediaType.APPLICATION_JSON).entity(body).build();
    }
}
