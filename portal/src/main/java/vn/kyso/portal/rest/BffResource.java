package vn.kyso.portal.rest;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.resteasy.reactive.RestStreamElementType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import vn.kyso.portal.config.PortalConfig;
import vn.kyso.portal.service.Backend;
import vn.kyso.portal.service.LiveSessions;
import vn.kyso.portal.session.SealedSessions;
import vn.kyso.portal.session.Sessions;

/**
 * The backend-for-frontend: sign-in and activation step 1 turn the services' tokens into the sealed session cookie,
 * and {@code /bff/api/{service}/...} relays the page's calls with that token; the page never holds a token.
 */
@Path("/bff")
public class BffResource {

    /** Path segments a relayed call may name: no dot segments, no encoded separators, no query in the path. */
    private static final Pattern SAFE_PATH = Pattern.compile("[A-Za-z0-9_~-]+(\\.[A-Za-z0-9_~-]+)*"
            + "(/[A-Za-z0-9_~-]+(\\.[A-Za-z0-9_~-]+)*)*");
    private static final int MAX_BODY = 256 * 1024;
    /** A document of up to 8 MiB, Base64 in JSON (to validate, or to upload for signing). */
    private static final int MAX_DOCUMENT_BODY = 12 * 1024 * 1024;
    private static final String UPLOAD = "POST signing/documents";
    private static final String ID = "[A-Za-z0-9-]{1,64}";
    /**
     * The only calls the page makes, as {@code METHOD service/path}: the subscriber's own API and nothing else. Whatever
     * else a signed-in browser asks for (an operator's routes, another service's internals) is not relayed.
     */
    private static final List<Pattern> ROUTES = Stream.of(
            "GET account/me",
            "GET activation/status",
            "POST activation/acceptance",
            "GET activation/acceptance-record",
            "GET signing/credentials",
            "POST signing/credentials",
            "POST signing/credentials/passkey-options",
            "GET signing/credentials/" + ID,
            "POST signing/credentials/" + ID + "/(challenge|pin|suspend|resume|revoke|reset|totp|renew|recovery)",
            "GET signing/credentials/" + ID + "/recovery",
            "GET signing/integrators",
            "PUT signing/integrators/" + ID + "/consent",
            "POST signing/credentials/" + ID + "/recovery/complete",
            "DELETE signing/credentials/" + ID + "/totp",
            "GET signing/transactions",
            "GET signing/transactions/" + ID,
            "GET signing/transactions/" + ID + "/document",
            "POST signing/transactions/" + ID + "/(confirm|reject)",
            "GET signing/oauth-requests/" + ID,
            "POST signing/oauth-requests/" + ID + "/(claim|consent|deny)",
            "GET signing/documents",
            UPLOAD,
            "GET signing/documents/" + ID,
            "GET signing/documents/" + ID + "/(content|pages/[0-9]{1,5})",
            "POST signing/documents/" + ID + "/signature-requests",
            "DELETE signing/documents/" + ID,
            "GET notification/push/key",
            "GET notification/push/subscriptions",
            "POST notification/push/subscriptions",
            "DELETE notification/push/subscriptions/" + ID,
            "GET notification/notification-preferences",
            "PUT notification/notification-preferences")
            .map(Pattern::compile).toList();

    private final Backend backend;
    private final Sessions sessions;
    private final LiveSessions live;
    private final PortalConfig config;
    private final ObjectMapper json;

    public BffResource(Backend backend, Sessions sessions, LiveSessions live, PortalConfig config, ObjectMapper json) {
        this.backend = backend;
        this.sessions = sessions;
        this.live = live;
        this.config = config;
        this.json = json;
    }

    /** Whether a session is open, and this page's CSRF token (set as a cookie too when the browser has none). */
    @GET
    @Path("/session")
    public Uni<Response> session(@CookieParam(Sessions.SESSION_COOKIE) String session,
            @CookieParam(Sessions.CSRF_COOKIE) String csrf) {
        String token = csrf == null || csrf.isBlank() ? sessions.newCsrfToken() : csrf;
        var open = sessions.open(session);
        Uni<Boolean> authenticated = open.isEmpty() ? Uni.createFrom().item(false)
                : live.check(open.get()).map(state -> state == LiveSessions.State.OPEN);
        return authenticated.map(signedIn -> {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("authenticated", signedIn);
            if (signedIn) {
                body.put("expiresAt", open.get().expiresAt());
            }
            body.put("csrfToken", token);
            Response.ResponseBuilder answer = Response.ok(body).header("Cache-Control", "no-store");
            return (token.equals(csrf) ? answer : answer.cookie(sessions.csrf(token))).build();
        });
    }

    /**
     * Sign-in with identifier + password (account-service); the token goes into the session cookie only. Subscribers
     * only: an operator's token opens no session here (the operator API is never reached through the portal).
     */
    @POST
    @Path("/login")
    public Uni<Response> login(byte[] body, @Context HttpServerRequest browser) {
        ObjectNode request = object(body);
        ObjectNode upstream = json.createObjectNode();
        upstream.put("username", text(request, "identifier"));
        upstream.put("password", text(request, "password"));
        return backend.call("POST", config.accountUrl().resolve("/api/v1/auth/token"), null,
                MediaType.APPLICATION_JSON, bytes(upstream), address(browser)).map(reply -> {
                    if (reply.status() == 200 && !subscriber(text(object(reply.body()), "access_token"))) {
                        throw PortalError.SUBSCRIBERS_ONLY.with("Operators use the operator API, not the portal");
                    }
                    return opened(reply);
                });
    }

    /**
     * Whether a token the account service just issued is a subscriber's: its {@code groups} claim. Read, not verified:
     * the token came from account-service over this connection, and every service it is relayed to verifies it.
     */
    private boolean subscriber(String token) {
        String[] parts = token == null ? new String[0] : token.split("\\.");
        if (parts.length != 3) {
            return false;
        }
        try {
            JsonNode claims = json.readTree(java.util.Base64.getUrlDecoder().decode(parts[1]));
            boolean subscriber = false;
            for (JsonNode group : claims.path("groups")) {
                if (!group.asText().equals("subscriber")) {
                    return false;
                }
                subscriber = true;
            }
            return subscriber;
        } catch (IllegalArgumentException | java.io.IOException e) {
            return false;
        }
    }

    /**
     * "Kiểm tra chữ ký": anyone (no session) validates a signed document they received; the JSON goes to
     * signing-service's public validation as it is, counted against the browser's own budget there.
     */
    @POST
    @Path("/validations")
    public Uni<Response> validate(@HeaderParam("Content-Type") String contentType, byte[] body,
            @Context HttpServerRequest browser) {
        if (body != null && body.length > MAX_DOCUMENT_BODY) {
            throw PortalError.PAYLOAD_TOO_LARGE.with("At most 8 MiB per document");
        }
        return backend.call("POST", config.signingUrl().resolve("/api/v1/validations"), null,
                MediaType.APPLICATION_JSON, body, address(browser)).map(BffResource::passOn);
    }

    /** Wizard step 1/4 (activation-service): identifier, code, new password; it signs the subscriber in. */
    @POST
    @Path("/activation/verify")
    public Uni<Response> verify(byte[] body, @Context HttpServerRequest browser) {
        object(body);
        return backend.call("POST", config.activationUrl().resolve("/api/v1/activation/verify"), null,
                MediaType.APPLICATION_JSON, body, address(browser)).map(this::opened);
    }

    /**
     * A new activation code by email, for a subscriber not signed in (activation-service answers alike whether or not
     * the identifier waits, and counts the browser's own budget).
     */
    @POST
    @Path("/activation/resend")
    public Uni<Response> resend(byte[] body, @Context HttpServerRequest browser) {
        object(body);
        return backend.call("POST", config.activationUrl().resolve("/api/v1/activation/resend"), null,
                MediaType.APPLICATION_JSON, body, address(browser)).map(BffResource::passOn);
    }

    /** The browser's address as this portal sees it (its own edge proxy resolved, when trusted). */
    private static String address(HttpServerRequest request) {
        var address = request == null ? null : request.remoteAddress();
        return address == null ? null : address.hostAddress();
    }

    /**
     * Signs out: account-service ends the session (its refresh tokens and this cookie stop working everywhere, copies
     * included), then the cookie is cleared. When the session cannot be ended now the answer says so (503) and the
     * cookie is cleared anyway.
     */
    @POST
    @Path("/logout")
    public Uni<Response> logout(@CookieParam(Sessions.SESSION_COOKIE) String cookie) {
        var open = sessions.open(cookie);
        if (open.isEmpty()) {
            return Uni.createFrom().item(Response.noContent().cookie(sessions.end()).build());
        }
        return live.end(open.get()).map(ended -> ended ? Response.noContent().cookie(sessions.end()).build()
                : Response.fromResponse(ProblemMapper.problem(PortalError.SERVICE_UNAVAILABLE,
                        "The session could not be ended now; sign out again in a moment"))
                        .cookie(sessions.end()).build());
    }

    /**
     * The subscriber's transaction changes as server-sent events (relayed from signing-service), so pending requests
     * appear and end on screen without a reload; {@code EventSource} sends the session cookie by itself.
     */
    @GET
    @Path("/events")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @RestStreamElementType(MediaType.TEXT_PLAIN)
    public Multi<String> events(@CookieParam(Sessions.SESSION_COOKIE) String cookie) {
        SealedSessions.Session session = sessions.open(cookie)
                .orElseThrow(() -> PortalError.SESSION_REQUIRED.with(null));
        return backend.events(config.signingUrl().resolve("/api/v1/transactions/events"), session.accessToken());
    }

    @GET
    @Path("/api/{service}/{path: .+}")
    public Uni<Response> get(@PathParam("service") String service, @PathParam("path") String path,
            @Context UriInfo uri, @CookieParam(Sessions.SESSION_COOKIE) String session) {
        return relay("GET", service, path, uri, session, null, null);
    }

    @POST
    @Path("/api/{service}/{path: .+}")
    public Uni<Response> post(@PathParam("service") String service, @PathParam("path") String path,
            @Context UriInfo uri, @CookieParam(Sessions.SESSION_COOKIE) String session,
            @HeaderParam("Content-Type") String contentType, byte[] body) {
        return relay("POST", service, path, uri, session, contentType, body);
    }

    @PUT
    @Path("/api/{service}/{path: .+}")
    public Uni<Response> put(@PathParam("service") String service, @PathParam("path") String path,
            @Context UriInfo uri, @CookieParam(Sessions.SESSION_COOKIE) String session,
            @HeaderParam("Content-Type") String contentType, byte[] body) {
        return relay("PUT", service, path, uri, session, contentType, body);
    }

    @DELETE
    @Path("/api/{service}/{path: .+}")
    public Uni<Response> delete(@PathParam("service") String service, @PathParam("path") String path,
            @Context UriInfo uri, @CookieParam(Sessions.SESSION_COOKIE) String session) {
        return relay("DELETE", service, path, uri, session, null, null);
    }

    private Uni<Response> relay(String method, String service, String path, UriInfo uri, String cookie,
            String contentType, byte[] body) {
        URI base = switch (service) {
            case "signing" -> config.signingUrl().resolve("/api/v1/");
            case "activation" -> config.activationUrl().resolve("/api/v1/activation/");
            case "account" -> config.accountUrl().resolve("/api/v1/");
            case "notification" -> config.notificationUrl().resolve("/api/v1/");
            default -> throw PortalError.NOT_FOUND.with("No service " + service);
        };
        if (!SAFE_PATH.matcher(path).matches() || path.length() > 512) {
            throw PortalError.NOT_FOUND.with("No such path");
        }
        String route = method + " " + service + "/" + path;
        if (ROUTES.stream().noneMatch(r -> r.matcher(route).matches())) {
            throw PortalError.NOT_FOUND.with("No such path");
        }
        int limit = route.equals(UPLOAD) ? MAX_DOCUMENT_BODY : MAX_BODY;
        if (body != null && body.length > limit) {
            throw PortalError.PAYLOAD_TOO_LARGE.with(limit == MAX_BODY ? "At most " + MAX_BODY / 1024 + " KiB"
                    : "At most 8 MiB per document");
        }
        SealedSessions.Session session = sessions.open(cookie)
                .orElseThrow(() -> PortalError.SESSION_REQUIRED.with(null));
        String query = uri.getRequestUri().getRawQuery();
        URI target = base.resolve(path + (query == null ? "" : "?" + query));
        return backend.call(method, target, session.accessToken(), contentType, body).map(BffResource::passOn);
    }

    /** A token answer becomes the session cookie; the browser gets the rest of the answer without the tokens. */
    private Response opened(Backend.Reply reply) {
        if (reply.status() != 200) {
            return passOn(reply);
        }
        ObjectNode answer = object(reply.body());
        String token = text(answer, "access_token");
        if (token == null) {
            throw PortalError.SERVICE_UNAVAILABLE.with("The service answered without a token");
        }
        long expiresIn = answer.path("expires_in").asLong(0);
        answer.remove("access_token");
        answer.remove("refresh_token");
        answer.remove("token_type");
        answer.put("authenticated", true);
        answer.put("expiresAt", sessions.now().plusSeconds(expiresIn).toString());
        return Response.ok(answer).header("Cache-Control", "no-store").cookie(sessions.start(token, expiresIn))
                .build();
    }

    private static Response passOn(Backend.Reply reply) {
        Response.ResponseBuilder answer = Response.status(reply.status()).entity(reply.body())
                .header("Cache-Control", "no-store");
        if (reply.contentType() != null) {
            answer.type(reply.contentType());
        }
        if (reply.contentDisposition() != null) {
            answer.header("Content-Disposition", reply.contentDisposition());
        }
        return answer.build();
    }

    private ObjectNode object(byte[] body) {
        try {
            if (body != null && body.length > 0 && body.length <= MAX_BODY
                    && json.readTree(body) instanceof ObjectNode node) {
                return node;
            }
        } catch (java.io.IOException e) {
            // answered below
        }
        throw PortalError.VALIDATION_FAILED.with("The body must be a JSON object");
    }

    private byte[] bytes(ObjectNode node) {
        try {
            return json.writeValueAsBytes(node);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String text(ObjectNode node, String field) {
        var value = node.get(field);
        return value == null || !value.isTextual() ? null : value.asText();
    }
}
