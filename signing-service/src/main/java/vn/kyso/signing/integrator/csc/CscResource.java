package vn.kyso.signing.integrator.csc;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirements;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.smallrye.mutiny.Uni;
import vn.kyso.signing.config.SigningConfig;
import vn.kyso.commons.problem.Outages;
import vn.kyso.commons.throttle.Throttled;
import vn.kyso.commons.throttle.ThrottledAnswer;
import vn.kyso.signing.integrator.model.ServiceProvider;

/**
 * The Cloud Signature Consortium API v2 under {@code /csc/v2}: every call a POST with a JSON body (form-encoded for
 * {@code oauth2/token}), errors as {@code {"error","error_description"}}.
 */
@Path("/csc/v2")
@Tag(name = "CSC API v2", description = "Cloud Signature Consortium API v2.0.0.2 for integrators")
@PermitAll
@Produces(MediaType.APPLICATION_JSON)
public class CscResource {

    private static final Logger LOG = Logger.getLogger(CscResource.class);

    private final CscService csc;
    private final ObjectMapper json;
    private final SigningConfig config;
    private final ObjectMapper lenient;

    public CscResource(CscService csc, ObjectMapper json, SigningConfig config) {
        this.csc = csc;
        this.json = json;
        this.config = config;
        // Fields this service does not know (lang, clientData extensions, newer spec versions) are ignored.
        this.lenient = json.copy().configure(
                com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    }

    @POST
    @Path("/info")
    @Operation(operationId = "cscInfo", summary = "The service, its methods, algorithms and formats (CSC §11.1)")
    @SecurityRequirements
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = CscMessages.InfoRequest.class)))
    @APIResponse(responseCode = "200", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = CscMessages.InfoResponse.class)))
    public CscMessages.InfoResponse info() {
        String base = publicUrl();
        List<String> methods = List.of("oauth2/authorize", "oauth2/token", "oauth2/revoke", "credentials/list", "credentials/info",
                "credentials/authorize", "credentials/authorizeCheck", "credentials/extendTransaction",
                "signatures/signHash", "signatures/signDoc", "signatures/signPolling", "signatures/timestamp");
        List<String> algorithms = new ArrayList<>(CscService.RSA_ALGOS);
        algorithms.addAll(CscService.EC_ALGOS);
        return new CscMessages.InfoResponse("2.0.0.2", "Kyso", base + "/csc/v2/logo.png", "VN", "vi-VN",
                "Kyso remote signing service (SCAL2: every authorisation is approved by the subscriber)",
                List.of("oauth2client", "oauth2code"), base + "/csc/v2/oauth2", base, true, methods, false,
                new CscMessages.SignAlgorithms(algorithms),
                new CscMessages.SignatureFormats(CscDocuments.FORMATS, CscDocuments.ENVELOPES), CscDocuments.LEVELS);
    }

    @POST
    @Path("/credentials/list")
    @Operation(operationId = "cscCredentialsList", summary = "A user's credentials (CSC §11.4)")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = CscMessages.ListRequest.class)))
    @APIResponse(responseCode = "200", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = CscMessages.ListResponse.class)))
    public Uni<Response> list(@HeaderParam("Authorization") String authorization, String body) {
        return call(authorization, body, CscMessages.ListRequest.class,
                (caller, request) -> csc.list(caller, request).map(CscResource::ok));
    }

    @POST
    @Path("/credentials/info")
    @Operation(operationId = "cscCredentialsInfo", summary = "One credential: key, certificate, authorisation (§11.5)")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = CscMessages.InfoOfCredentialRequest.class)))
    @APIResponse(responseCode = "200", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = CscMessages.CredentialInfo.class)))
    public Uni<Response> credentialInfo(@HeaderParam("Authorization") String authorization, String body) {
        return call(authorization, body, CscMessages.InfoOfCredentialRequest.class,
                (caller, request) -> csc.info(caller, request).map(CscResource::ok));
    }

    /** 202 with a {@code handle} while the subscriber approves in the app. */
    @POST
    @Path("/credentials/authorize")
    @Operation(operationId = "cscCredentialsAuthorize",
            summary = "Ask the subscriber to approve these hashes; poll authorizeCheck with the handle (§11.6)")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = CscMessages.AuthorizeRequest.class)))
    @APIResponse(responseCode = "202", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = CscMessages.HandleResponse.class)))
    public Uni<Response> authorize(@HeaderParam("Authorization") String authorization, String body) {
        return call(authorization, body, CscMessages.AuthorizeRequest.class, (caller, request) -> csc.authorize(caller,
                request).map(tx -> Response.accepted(new CscMessages.HandleResponse(tx.id.toString())).build()));
    }

    @POST
    @Path("/credentials/authorizeCheck")
    @Operation(operationId = "cscCredentialsAuthorizeCheck",
            summary = "202 while the subscriber has not decided; 200 with the SAD once approved (§11.7)")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = CscMessages.AuthorizeCheckRequest.class)))
    @APIResponse(responseCode = "200", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = CscMessages.SadResponse.class)))
    @APIResponse(responseCode = "202", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = CscMessages.HandleResponse.class)))
    public Uni<Response> authorizeCheck(@HeaderParam("Authorization") String authorization, String body) {
        return call(authorization, body, CscMessages.AuthorizeCheckRequest.class, (caller, request) -> csc
                .authorizeCheck(caller.sp(), request.handle()).map(check -> Response.status(check.status())
                        .entity(check.body()).build()));
    }

    @POST
    @Path("/credentials/extendTransaction")
    @Operation(operationId = "cscCredentialsExtendTransaction",
            summary = "A new SAD for authorised hashes not signed yet (§11.9)")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = CscMessages.ExtendTransactionRequest.class)))
    @APIResponse(responseCode = "200", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = CscMessages.SadResponse.class)))
    public Uni<Response> extendTransaction(@HeaderParam("Authorization") String authorization, String body) {
        return call(authorization, body, CscMessages.ExtendTransactionRequest.class,
                (caller, request) -> csc.extendTransaction(caller.sp(), request).map(CscResource::ok));
    }

    @POST
    @Path("/signatures/signHash")
    @Operation(operationId = "cscSignaturesSignHash",
            summary = "The signatures of hashes the SAD binds, synchronously or as a polled response (§11.10)")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = CscMessages.SignHashRequest.class)))
    @APIResponse(responseCode = "200", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = CscMessages.SignHashResponse.class)))
    public Uni<Response> signHash(@HeaderParam("Authorization") String authorization, String body) {
        return call(authorization, body, CscMessages.SignHashRequest.class, (caller, request) -> {
            ServiceProvider sp = caller.sp();
            csc.checkAsync(request.operationMode(), request.validityPeriod(), request.responseUri());
            Uni<CscMessages.SignHashResponse> signed = csc.signHash(caller, request)
                    .map(signatures -> new CscMessages.SignHashResponse(signatures, null));
            return "A".equals(request.operationMode())
                    ? signed.chain(answer -> csc.keepAsync(sp, answer, request.validityPeriod(), request.responseUri()))
                            .map(id -> ok(new CscMessages.SignHashResponse(null, id)))
                    : signed.map(CscResource::ok);
        });
    }

    @POST
    @Path("/signatures/signPolling")
    @Operation(operationId = "cscSignaturesSignPolling", summary = "The answer of an asynchronous call (§11.12)")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = CscMessages.SignPollingRequest.class)))
    @APIResponse(responseCode = "200", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = CscMessages.SignHashResponse.class)))
    public Uni<Response> signPolling(@HeaderParam("Authorization") String authorization, String body) {
        return call(authorization, body, CscMessages.SignPollingRequest.class, (caller, request) -> {
            ServiceProvider sp = caller.sp();
            if (request.userID() != null) {
                throw CscError.invalidRequest("userID parameter SHALL be null");
            }
            return csc.signPolling(sp, request).map(kept -> Response.ok(kept, MediaType.APPLICATION_JSON).build());
        });
    }

    @POST
    @Path("/signatures/signDoc")
    @Operation(operationId = "cscSignaturesSignDoc",
            summary = "AdES signatures (CAdES, XAdES, PAdES; B-B to B-LTA) of documents or digests (§11.11)")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = CscMessages.SignDocRequest.class)))
    @APIResponse(responseCode = "200", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = CscMessages.SignDocResponse.class)))
    public Uni<Response> signDoc(@HeaderParam("Authorization") String authorization, String body) {
        return call(authorization, body, CscMessages.SignDocRequest.class,
                (caller, request) -> csc.signDoc(caller, request).map(CscResource::ok));
    }

    @POST
    @Path("/signatures/timestamp")
    @Operation(operationId = "cscSignaturesTimestamp", summary = "An RFC 3161 time-stamp token over a hash (§11.13)")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = CscMessages.TimestampRequest.class)))
    @APIResponse(responseCode = "200", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = CscMessages.TimestampResponse.class)))
    public Uni<Response> timestamp(@HeaderParam("Authorization") String authorization, String body) {
        return call(authorization, body, CscMessages.TimestampRequest.class, (caller, request) -> csc.timestamp(request)
                .map(token -> ok(new CscMessages.TimestampResponse(token))));
    }

    private static Response ok(Object entity) {
        return Response.ok(entity).build();
    }

    /**
     * Reads the body into the method's request record, then authenticates and runs; a body that is not a JSON object
     * or a field of the wrong type is the specification's {@code invalid_request}, never a framework error.
     */
    private <T> Uni<Response> call(String authorization, String body, Class<T> type,
            java.util.function.BiFunction<CscCaller, T, Uni<Response>> work) {
        T request;
        try {
            JsonNode parsed = body == null || body.isBlank() ? json.createObjectNode() : json.readTree(body);
            if (parsed == null || !parsed.isObject()) {
                return Uni.createFrom().item(CscResource.error(CscError.invalidRequest("The body must be a JSON object")));
            }
            request = lenient.treeToValue(parsed, type);
        } catch (com.fasterxml.jackson.databind.exc.MismatchedInputException e) {
            String field = e.getPath().isEmpty() ? "body" : e.getPath().stream()
                    .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                    .collect(java.util.stream.Collectors.joining("."));
            return Uni.createFrom().item(CscResource.error(CscError.invalidRequest("Invalid parameter " + field)));
        } catch (java.io.IOException e) {
            return Uni.createFrom().item(CscResource.error(CscError.invalidRequest("The body is not JSON")));
        }
        return csc.caller(authorization).chain(caller -> Uni.createFrom().deferred(() -> work.apply(caller, request)))
                .onFailure().recoverWithItem(CscResource::error);
    }

    private String publicUrl() {
        return config.publicUrl().replaceAll("/+$", "");
    }

    /** OAuth-style error object for "too many requests", with {@code Retry-After}. */
    static Response throttled(Throttled t) {
        return Response.status(429).header(HttpHeaders.RETRY_AFTER, t.retryAfterSeconds())
                .type(MediaType.APPLICATION_JSON).entity(Map.of("error", "too_many_requests", "error_description",
                        "Too many requests from this client; try again in " + t.retryAfterSeconds() + " s")).build();
    }

    /** Budgets on CSC paths answer in its error object. */
    @jakarta.inject.Singleton
    public static class Dialect implements ThrottledAnswer {

        @Override
        public java.util.Optional<Response> answer(String path, Throttled throttled) {
            return path.startsWith("/csc/") ? java.util.Optional.of(throttled(throttled)) : java.util.Optional.empty();
        }
    }

    static Response error(Throwable failure) {
        if (failure instanceof Throttled t) {
            return throttled(t);
        }
        if (failure instanceof CscError e) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("error", e.error());
            body.put("error_description", e.getMessage());
            return Response.status(e.status()).type(MediaType.APPLICATION_JSON).entity(body).build();
        }
        if (Outages.isOutage(failure)) {
            // OAuth 2.0's own code for "try again later"; nothing was committed.
            LOG.warnf("CSC call while the database is unavailable: %s", failure.getMessage());
            return Response.status(503).header(HttpHeaders.RETRY_AFTER, "5").type(MediaType.APPLICATION_JSON)
                    .entity(Map.of("error", "temporarily_unavailable",
                            "error_description", "The service is temporarily unavailable; try again shortly"))
                    .build();
        }
        LOG.errorf(failure, "CSC call failed");
        return Response.status(500).type(MediaType.APPLICATION_JSON).entity(Map.of("error", "server_error",
                "error_description", "The service could not complete the request")).build();
    }

    static Map<String, String> form(String body) {
        Map<String, String> out = new LinkedHashMap<>();
        if (body == null || body.length() > 8192) {
            return out;
        }
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                try {
                    out.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                            URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
                } catch (IllegalArgumentException e) {
                    // a malformed pair is ignored; the missing field is reported below
                }
            }
        }
        return out;
    }
}
