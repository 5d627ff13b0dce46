package vn.kyso.portal.rest;

import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.ws.rs.core.Response;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.core.JsonProcessingException;

/** Every failure leaves the portal as application/problem+json, without internals. */
public class ProblemMapper {

    private static final Logger LOG = Logger.getLogger(ProblemMapper.class);

    @ServerExceptionMapper
    public Response portal(PortalError.PortalException e) {
        return problem(e.error(), e.getMessage());
    }

    @ServerExceptionMapper
    public Response json(JsonProcessingException e) {
        return problem(PortalError.VALIDATION_FAILED, "The body is not the JSON this endpoint takes");
    }

    @ServerExceptionMapper
    public Response unavailable(java.io.IOException e) {
        LOG.warnf("backend call failed: %s", e.toString());
        return problem(PortalError.SERVICE_UNAVAILABLE, null);
    }

    @ServerExceptionMapper
    public Response timeout(java.net.http.HttpTimeoutException e) {
        LOG.warnf("backend call timed out: %s", e.toString());
        return problem(PortalError.SERVICE_UNAVAILABLE, null);
    }

    @ServerExceptionMapper
    public Response streamRefused(vn.kyso.portal.service.Backend.StreamRefused e) {
        return problem(e.status() == 401 ? PortalError.SESSION_REQUIRED : PortalError.SERVICE_UNAVAILABLE, null);
    }

    static Response problem(PortalError error, String detail) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "https://kyso.vn/problems/" + error.name().toLowerCase().replace('_', '-'));
        body.put("title", error.title());
        body.put("status", error.status());
        body.put("code", error.name());
        if (detail != null) {
            body.put("detail", detail);
        }
        return Response.status(error.status()).type("application/problem+json").entity(body).build();
    }
}
