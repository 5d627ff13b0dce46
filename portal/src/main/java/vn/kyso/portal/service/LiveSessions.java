package vn.kyso.portal.service;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import vn.kyso.portal.config.PortalConfig;
import vn.kyso.portal.session.SealedSessions;

/**
 * Whether a session is still open at account-service: logout (from any copy of the cookie) or a replayed refresh
 * token ends it there, and every portal replica then refuses the cookie at once rather than when its token expires.
 */
@ApplicationScoped
public class LiveSessions {

    /** What account-service said about a session. */
    public enum State {
        OPEN,
        ENDED,
        UNKNOWN
    }

    private final Backend backend;
    private final PortalConfig config;

    public LiveSessions(Backend backend, PortalConfig config) {
        this.backend = backend;
        this.config = config;
    }

    public Uni<State> check(SealedSessions.Session session) {
        return backend.call("GET", config.accountUrl().resolve("/api/v1/auth/session"), session.accessToken(), null,
                null).map(reply -> reply.status() / 100 == 2 ? State.OPEN
                        : reply.status() == 401 ? State.ENDED : State.UNKNOWN)
                .onFailure().recoverWithItem(State.UNKNOWN);
    }

    /** Asks account-service to end the session; true when it is ended (or was already). */
    public Uni<Boolean> end(SealedSessions.Session session) {
        return backend.call("POST", config.accountUrl().resolve("/api/v1/auth/logout"), session.accessToken(), null,
                null).map(reply -> reply.status() / 100 == 2 || reply.status() == 401)
                .onFailure().recoverWithItem(false);
    }
}
