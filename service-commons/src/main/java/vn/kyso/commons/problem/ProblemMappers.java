package vn.kyso.commons.problem;

import java.util.List;
import java.util.stream.Collectors;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import vn.kyso.commons.throttle.Throttled;
import vn.kyso.commons.work.ServiceBusyException;

/**
 * The single edge where every exception becomes {@code application/problem+json}; bodies never carry stack traces,
 * class names or SQL, only the error vocabulary's code and a sentence written for the client.
 */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    @ServerExceptionMapper
    public Response problem(ProblemException e, UriInfo uri) {
        return respond(Problem.of(e.code(), e.getMessage(), path(uri), e.errors()));
    }

    // Declared for the subtype too: Quarkus ships its own mapper for it, and the most specific type wins.
    @ServerExceptionMapper
    public Response mismatchedJson(MismatchedInputException e, UriInfo uri) {
        return unreadableJson(e, uri);
    }

    @ServerExceptionMapper
    public Response unreadableJson(JsonProcessingException e, UriInfo uri) {
        String detail;
        List<FieldError> errors = List.of();
        if (e instanceof UnrecognizedPropertyException unknown) {
            detail = "Unknown field '" + unknown.getPropertyName() + "'";
            errors = List.of(new FieldError(fieldPath(unknown), "is not a known field"));
        } else if (e instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            String field = fieldPath(mapping);
            detail = "Field '" + field + "' has the wrong type or format";
            errors = List.of(new FieldError(field, "has the wrong type or format"));
        } else {
            detail = "The request body is not valid JSON";
        }
        return respond(Problem.of(CommonError.MALFORMED_REQUEST, detail, path(uri), errors));
    }

    @ServerExceptionMapper
    public Response unauthenticated(UnauthorizedException e, UriInfo uri) {
        return unauthenticated(uri);
    }

    @ServerExceptionMapper
    public Response authenticationFailed(AuthenticationFailedException e, UriInfo uri) {
        return unauthenticated(uri);
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e, UriInfo uri) {
        return respond(Problem.of(CommonError.FORBIDDEN, "Your role does not allow this operation", path(uri), null));
    }

    @ServerExceptionMapper
    public Response http(WebApplicationException e, UriInfo uri) {
        int status = e.getResponse().getStatus();
        if (status >= 500) {
            LOG.error("HTTP layer failed", e);
        }
        CommonError code = CommonError.forStatus(status);
        String detail = status == 400 ? "The request could not be read" : code.title();
        return respond(Problem.of(code, detail, path(uri), null), status);
    }

    @ServerExceptionMapper
    public Response throttled(Throttled e, UriInfo uri) {
        return Response.status(429).type(Problem.MEDIA_TYPE)
                .header(HttpHeaders.RETRY_AFTER, e.retryAfterSeconds())
                .entity(Problem.of(CommonError.TOO_MANY_REQUESTS, e.getMessage(), path(uri), null)).build();
    }

    @ServerExceptionMapper
    public Response busy(ServiceBusyException e, UriInfo uri) {
        return respond(Problem.of(CommonError.SERVICE_UNAVAILABLE,
                "The service is busy; nothing was changed, try again shortly", path(uri), null));
    }

    @ServerExceptionMapper
    public Response unexpected(Throwable e, UriInfo uri) {
        if (Outages.isOutage(e)) {
            // Expected while the database restarts; readiness is DOWN meanwhile. Nothing was committed.
            LOG.warnf("Database unavailable on %s: %s", path(uri), e.getMessage());
            return respond(Problem.of(CommonError.SERVICE_UNAVAILABLE,
                    "The service cannot reach its database right now; nothing was changed, try again shortly", path(uri),
                    null));
        }
        // The client learns only that it failed; operators get the cause in the log.
        LOG.error("Unhandled failure on " + path(uri), e);
        return respond(Problem.of(CommonError.INTERNAL_ERROR, "An internal error occurred; it has been logged",
                path(uri), null));
    }

    private Response unauthenticated(UriInfo uri) {
        return Response.status(401)
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
                .type(Problem.MEDIA_TYPE)
                .entity(Problem.of(CommonError.UNAUTHENTICATED, "A valid bearer token is required", path(uri), null))
                .build();
    }

    private static Response respond(Problem problem) {
        return respond(problem, problem.status());
    }

    private static Response respond(Problem problem, int status) {
        Response.ResponseBuilder response = Response.status(status).type(Problem.MEDIA_TYPE).entity(problem);
        if (status == 503) {
            // Every "unavailable" is temporary (a peer or the database); say when to come back.
            response.header(HttpHeaders.RETRY_AFTER, "5");
        }
        return response.build();
    }

    private static String path(UriInfo uri) {
        return uri == null ? null : uri.getPath();
    }

    private static String fieldPath(JsonMappingException e) {
        return e.getPath().stream()
                .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                .collect(Collectors.joining("."))
                .replace(".[", "[");
    }
}
