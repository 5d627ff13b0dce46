package vn.kyso.portal.rest;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Cookie;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import io.smallrye.mutiny.Uni;
import vn.kyso.portal.service.LiveSessions;
import vn.kyso.portal.session.Sessions;

/**
 * Before a relayed call or the event stream uses a session's token, account-service confirms the session is still
 * open; an ended one (signed out, perhaps from another copy of the cookie) gets {@code SESSION_REQUIRED}.
 */
public class SessionFilter {

    private final Sessions sessions;
    private final LiveSessions live;

    public SessionFilter(Sessions sessions, LiveSessions live) {
        this.sessions = sessions;
        this.live = live;
    }

    @ServerRequestFilter
    public Uni<Response> check(ContainerRequestContext request) {
        String path = request.getUriInfo().getPath();
        Cookie cookie = request.getCookies().get(Sessions.SESSION_COOKIE);
        if (!(path.startsWith("/bff/api/") || path.equals("/bff/events")) || cookie == null) {
            return Uni.createFrom().nullItem();
        }
        var session = sessions.open(cookie.getValue());
        if (session.isEmpty()) {
            return Uni.createFrom().nullItem(); // the resource answers SESSION_REQUIRED itself
        }
        return live.check(session.get()).map(state -> switch (state) {
            case OPEN -> null;
            case ENDED -> ProblemMapper.problem(PortalError.SESSION_REQUIRED, "The session has ended; sign in again");
            case UNKNOWN -> ProblemMapper.problem(PortalError.SERVICE_UNAVAILABLE,
                    "The session cannot be checked right now; try again in a moment");
        });
    }
}
