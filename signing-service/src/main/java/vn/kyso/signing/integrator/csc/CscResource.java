package vn.kyso.signing.integrator.csc;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
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

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.smallrye.mutiny.Uni;
import vn.kyso.commons.problem.Outages;
import vn.kyso.commons.throttle.Throttled;
import vn.kyso.commons.throttle.ThrottledAnswer;
import vn.kyso.signing.integrator.model.ServiceProvider;

/**
 * The Cloud Signature Consortium API v2 under {@code /csc/v2}: every call a POST with a JSON body (form-encoded for
 * {@code oauth2/token}), errors as {@code {"error","error_description"}}.
 */
@Path("/csc/v2")
@PermitAll
@Produces(MediaType.APPLICATION_JSON)
public class CscResource {

    private static final Logger LOG = Logger.getLogger(CscResource.class);

    private final CscService csc;
    private final ObjectMapper json;
    private final java.time.Clock clock;

    public CscResource(CscService csc, ObjectMapper json, java.time.Clock clock) {
        this.csc = csc;
        this.json = json;
        this.clock = clock;
    }

    @POST
    @Path("/info")
    public Response info() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("specs", "2.0.0.2");
        body.put("name", "Kyso");
        body.put("logo", "");
        body.put("region", "VN");
        body.put("lang", "vi-VN");
        body.put("description", "Kyso remote signing service (SCAL2: every authorisation is approved by the subscriber)");
        body.put("authType", List.of("oauth2client"));
        body.put("oauth2", "/csc/v2/oauth2");
        body.put("methods", List.of("oauth2/token", "credentials/list", "credentials/info", "credentials/authorize",
                "credentials/authorizeCheck", "signatures/signHash", "signatures/timestamp"));
        return Response.ok(body).build();
    }

    /** OAuth 2.0 client credentials: the SP's id and secret, as form fields or HTTP Basic. */
    @POST
    @Path("/oauth2/token")
    public Uni<Response> token(@HeaderParam("Authorization") String authorization, String body) {
        Map<String, String> form = form(body);
        String clientId = form.get("client_id");
        String clientSecret = form.get("client_secret");
        if (authorization != null && authorization.startsWith("Basic ")) {
            try {
                String pair = new String(Base64.getDecoder().decode(authorization.substring(6).strip()),
                        StandardCharsets.UTF_8);
                int colon = pair.indexOf(':');
                if (colon > 0) {
                    clientId = URLDecoder.decode(pair.substring(0, colon), StandardCharsets.UTF_8);
                    clientSecret = URLDecoder.decode(pair.substring(colon + 1), StandardCharsets.UTF_8);
                }
            } catch (IllegalArgumentException e) {
                return Uni.createFrom().item(error(new CscError(401, "invalid_client", "Malformed Basic credentials")));
            }
        }
        if (!"client_credentials".equals(form.get("grant_type"))) {
            return Uni.createFrom().item(error(new CscError(400, "unsupported_grant_type",
                    "Only client_credentials is supported")));
        }
        return csc.token(clientId, clientSecret).map(t -> Response.ok(t).header("Cache-Control", "no-store").build())
                .onFailure().recoverWithItem(this::error);
    }

    @POST
    @Path("/credentials/list")
    public Uni<Response> list(@HeaderParam("Authorization") String authorization, String body) {
        return call(authorization, body, (sp, b) -> csc.list(sp, text(b, "userID"))
                .map(ids -> Response.ok(Map.of("credentialIDs", ids)).build()));
    }

    @POST
    @Path("/credentials/info")
    public Uni<Response> info(@HeaderParam("Authorization") String authorization, String body) {
        return call(authorization, body, (sp, b) -> csc.info(sp, text(b, "credentialID"), text(b, "certificates"),
                b.path("certInfo").asBoolean(false)).map(info -> Response.ok(info).build()));
    }

    /** 202 with an {@code authorizationHandle} while the subscriber approves in the app. */
    @POST
    @Path("/credentials/authorize")
    public Uni<Response> authorize(@HeaderParam("Authorization") String authorization, String body) {
        return call(authorization, body, (sp, b) -> csc.authorize(sp, text(b, "credentialID"),
                b.hasNonNull("numSignatures") && b.get("numSignatures").canConvertToInt()
                        ? b.get("numSignatures").asInt() : null, strings(b, "hashes"), text(b, "hashAlgorithmOID"),
                text(b, "description")).map(tx -> Response.accepted(Map.of("authorizationHandle", tx.id.toString(),
                "expiresIn", java.time.Duration.between(clock.instant(), tx.expiresAt).toSeconds()))
                .build()));
    }

    @POST
    @Path("/credentials/authorizeCheck")
    public Uni<Response> authorizeCheck(@HeaderParam("Authorization") String authorization, String body) {
        return call(authorization, body, (sp, b) -> csc.authorizeCheck(sp, text(b, "credentialID"),
                text(b, "authorizationHandle")).map(check -> Response.status(check.status()).entity(check.body())
                .build()));
    }

    @POST
    @Path("/signatures/signHash")
    public Uni<Response> signHash(@HeaderParam("Authorization") String authorization, String body) {
        return call(authorization, body, (sp, b) -> csc.signHash(sp, text(b, "credentialID"), text(b, "SAD"),
                strings(b, "hashes"), text(b, "hashAlgorithmOID"), text(b, "signAlgo"))
                .map(signatures -> Response.ok(Map.of("signatures", signatures)).build()));
    }

    @POST
    @Path("/signatures/timestamp")
    public Uni<Response> timestamp(@HeaderParam("Authorization") String authorization, String body) {
        return call(authorization, body, (sp, b) -> csc.timestamp(text(b, "hash"), text(b, "hashAlgorithmOID"),
                text(b, "nonce")).map(token -> Response.ok(Map.of("timestamp", token)).build()));
    }

    private Uni<Response> call(String authorization, String body,
            java.util.function.BiFunction<ServiceProvider, JsonNode, Uni<Response>> work) {
        JsonNode parsed;
        try {
            parsed = body == null || body.isBlank() ? json.createObjectNode() : json.readTree(body);
        } catch (JsonProcessingException e) {
            return Uni.createFrom().item(error(CscError.invalidRequest("The body is not JSON")));
        }
        if (parsed == null || !parsed.isObject()) {
            return Uni.createFrom().item(error(CscError.invalidRequest("The body must be a JSON object")));
        }
        JsonNode b = parsed;
        return csc.caller(authorization).chain(sp -> work.apply(sp, b)).onFailure().recoverWithItem(this::error);
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

    private Response error(Throwable failure) {
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

    private static String text(JsonNode body, String field) {
        JsonNode value = body.get(field);
        return value == null || value.isNull() || value.isContainerNode() ? null : value.asText();
    }

    private static List<String> strings(JsonNode body, String field) {
        JsonNode value = body.get(field);
        if (value == null || !value.isArray()) {
            return null;
        }
        List<String> out = new ArrayList<>();
        value.forEach(v -> out.add(v.isTextual() ? v.asText() : null));
        return out;
    }

    private static Map<String, String> form(String body) {
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
