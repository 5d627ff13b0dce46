package vn.kyso.signing.integrator.neac;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import vn.kyso.commons.problem.Outages;
import vn.kyso.signing.integrator.service.LenientMessages;
import vn.kyso.commons.problem.ProblemException;
import vn.kyso.commons.throttle.Throttled;
import vn.kyso.commons.throttle.ThrottledAnswer;
import vn.kyso.signing.config.SigningConfig;

/**
 * The national NEAC remote-signing profile, byte for byte as {@code contracts/neac.md}: POST only, bodies read
 * leniently (any JSON content type or none, unknown fields ignored), every answer {@code application/json;
 * charset=utf-8} with {@code status_code} equal to the HTTP status and, on errors, {@code code} too.
 */
@Path(NeacResource.PATH)
@PermitAll
public class NeacResource {

    /** Where the resource is mounted; {@code kyso.signing.neac.base-path} is rewritten onto it. */
    static final String PATH = "/neac/v1";
    static final String JSON_UTF8 = "application/json; charset=utf-8";
    private static final Logger LOG = Logger.getLogger(NeacResource.class);

    private final NeacService neac;
    private final ObjectMapper json;
    private final LenientMessages messages;

    public NeacResource(NeacService neac, ObjectMapper json, LenientMessages messages) {
        this.messages = messages;
        this.neac = neac;
        this.json = json;
    }

    @Operation(summary = "The subscriber's certificates that can sign now")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = NeacMessages.GetCertificateRequest.class)))
    @APIResponse(responseCode = "200", description = "The answer in the contract's envelope",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = NeacMessages.Envelope.class)))
    @POST
    @Path("/get_certificate")
    public Uni<Response> getCertificate(String body) {
        return parse(body, NeacMessages.GetCertificateRequest.class).chain(b -> neac.authenticate(b.spId(),
                b.spPassword()).chain(sp -> {
                    String echo = b.transactionId() != null ? b.transactionId()
                            : java.util.UUID.randomUUID().toString();
                    return neac.certificates(sp, b.userId(), b.serialNumber(), echo)
                            .map(certs -> {
                                Map<String, Object> envelope = new LinkedHashMap<>();
                                envelope.put("status_code", 200);
                                envelope.put("message", "SUCCESS");
                                envelope.put("transaction_id", echo);
                                envelope.put("data", certs);
                                return Response.ok(envelope, JSON_UTF8).build();
                            });
                }))
                .onFailure().recoverWithItem(this::failure);
    }

    @Operation(summary = "Sign digests: held until the subscriber decides (sync) or pending (async)")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = NeacMessages.SignRequest.class)))
    @APIResponse(responseCode = "200", description = "The answer in the contract's envelope",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = NeacMessages.Envelope.class)))
    @POST
    @Path("/sign")
    public Uni<Response> sign(String body) {
        return parse(body, NeacMessages.SignRequest.class).chain(b -> neac.authenticate(b.spId(), b.spPassword())
                .chain(sp -> neac.sign(sp, b.userId(), b.transactionId(), b.serialNumber(), files(b.signFiles()))))
                .map(NeacResource::answer)
                .onFailure().recoverWithItem(this::failure);
    }

    /** Kyso's status call (no public client has one): with credentials, in the {@code /sign} envelope. */
    @Operation(summary = "A transaction's state")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = NeacMessages.StatusRequest.class)))
    @APIResponse(responseCode = "200", description = "The answer in the contract's envelope",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = NeacMessages.Envelope.class)))
    @POST
    @Path("/sign/status")
    public Uni<Response> status(String body) {
        return parse(body, NeacMessages.StatusRequest.class).chain(b -> neac.authenticate(b.spId(), b.spPassword())
                .chain(sp -> neac.status(sp, b.transactionId())))
                .map(NeacResource::answer)
                .onFailure().recoverWithItem(this::failure);
    }

    private static Response answer(NeacService.Answer answer) {
        Map<String, Object> envelope = new LinkedHashMap<>();
        envelope.put("status_code", answer.status());
        envelope.put("message", answer.message());
        envelope.put("data", answer.data());
        return Response.status(answer.status()).type(JSON_UTF8).entity(envelope).build();
    }

    private Response failure(Throwable failure) {
        if (failure instanceof Throttled t) {
            return throttled(t);
        }
        if (failure instanceof ProblemException p) {
            failure = NeacError.from(p);
        }
        if (failure instanceof NeacError.Failure f) {
            return error(f.error().status(), f.getMessage());
        }
        if (Outages.isOutage(failure)) {
            LOG.warnf("NEAC call while the database is unavailable: %s", failure.getMessage());
        } else {
            LOG.errorf(failure, "NEAC call failed");
        }
        return error(500, NeacError.SERVER_INTERNAL_ERROR.name());
    }

    /** The profile's error body: both {@code status_code} and {@code code}, the HTTP status, never empty. */
    static Response error(int status, String message) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status_code", status);
        body.put("code", status);
        body.put("message", message);
        body.put("data", null);
        return Response.status(status).type(JSON_UTF8).entity(body).build();
    }

    static Response throttled(Throttled t) {
        return Response.fromResponse(error(429, NeacError.TOO_MANY_REQUESTS.name()))
                .header(HttpHeaders.RETRY_AFTER, t.retryAfterSeconds()).build();
    }

    /** The body read into its contract record (see {@link LenientMessages}), or the profile's bad-request answer. */
    private <T> Uni<T> parse(String body, Class<T> type) {
        try {
            JsonNode node = body == null || body.isBlank() ? null : json.readTree(body);
            if (node == null || !node.isObject() || body.indexOf('\u0000') >= 0 || body.contains("\\u0000")) {
                return Uni.createFrom().failure(new NeacError.Failure(NeacError.BAD_REQUEST));
            }
            return Uni.createFrom().item(messages.read(node, type));
        } catch (JsonProcessingException e) {
            return Uni.createFrom().failure(new NeacError.Failure(NeacError.BAD_REQUEST));
        }
    }

    /** The nested {@code file_options} wins over the flat synonym some gateways send. */
    private static List<NeacService.SignFile> files(List<NeacMessages.SignFile> files) {
        if (files == null) {
            return List.of();
        }
        List<NeacService.SignFile> out = new ArrayList<>();
        for (NeacMessages.SignFile f : files) {
            if (f == null) {
                out.add(null);
                continue;
            }
            String nested = f.fileOptions() == null ? null : f.fileOptions().signType();
            out.add(new NeacService.SignFile(f.docId(), f.dataToBeSigned(), nested != null ? nested : f.signType()));
        }
        return out;
    }

    /**
     * Before routing: the configured base path is served as {@link #PATH}; a run of slashes counts as one (the public
     * client concatenates base and path); anything but POST is 405 in the profile's error body.
     */
    @jakarta.enterprise.context.ApplicationScoped
    public static class Routing {

        private final String base;

        public Routing(SigningConfig config) {
            String configured = config.neac().basePath().replaceAll("/+$", "");
            this.base = configured.startsWith("/") ? configured : "/" + configured;
        }

        public Optional<Response> route(ContainerRequestContext request) {
            String raw = request.getUriInfo().getRequestUri().getRawPath();
            String path = raw.replaceAll("/{2,}", "/");
            if (!path.equals(base) && !path.startsWith(base + "/")) {
                return Optional.empty();
            }
            if (!"POST".equals(request.getMethod())) {
                return Optional.of(error(405, "METHOD_NOT_ALLOWED"));
            }
            String mapped = PATH + path.substring(base.length());
            if (!mapped.equals(raw)) {
                URI uri = request.getUriInfo().getRequestUriBuilder().replacePath(mapped).build();
                request.setRequestUri(uri);
            }
            return Optional.empty();
        }

        /** The filter itself; the base path lives in the routing bean, made with the runtime config. */
        @jakarta.inject.Singleton
        public static class Filter {

            private final Routing routing;

            public Filter(Routing routing) {
                this.routing = routing;
            }

            @ServerRequestFilter(preMatching = true)
            public Optional<Response> route(ContainerRequestContext request) {
                return routing.route(request);
            }
        }
    }

    /** Budgets on NEAC paths answer in its error body. */
    @jakarta.inject.Singleton
    public static class Dialect implements ThrottledAnswer {

        private final String base;

        public Dialect(SigningConfig config) {
            this.base = config.neac().basePath();
        }

        @Override
        public Optional<Response> answer(String path, Throttled throttled) {
            return path.replaceAll("/{2,}", "/").startsWith(base) ? Optional.of(throttled(throttled))
                    : Optional.empty();
        }
    }
}
