package vn.kyso.portal.rest;

import java.util.Set;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Cookie;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import vn.kyso.portal.session.SealedSessions;
import vn.kyso.portal.session.Sessions;

/** State-changing calls to the backend-for-frontend must echo the CSRF cookie in a header (login included). */
public class CsrfFilter {

    private static final Set<String> SAFE = Set.of("GET", "HEAD", "OPTIONS");

    @ServerRequestFilter
    public Response check(ContainerRequestContext request) {
        if (SAFE.contains(request.getMethod()) || !request.getUriInfo().getPath().startsWith("/bff/")) {
            return null;
        }
        Cookie cookie = request.getCookies().get(Sessions.CSRF_COOKIE);
        String header = request.getHeaderString(Sessions.CSRF_HEADER);
        if (cookie == null || !SealedSessions.same(cookie.getValue(), header)) {
            return ProblemMapper.problem(PortalError.CSRF_REJECTED, null);
        }
        return null;
    }
}
