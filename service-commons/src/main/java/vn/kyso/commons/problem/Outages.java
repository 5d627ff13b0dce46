package vn.kyso.commons.problem;

import java.net.ConnectException;
import java.util.IdentityHashMap;
import java.util.Map;

import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.ClosedConnectionException;
import vn.kyso.commons.work.ServiceBusyException;

/** Tells a temporary failure (database gone or restarting, service too busy) from a bug, so it can be a 503. */
public final class Outages {

    private Outages() {
    }

    /**
     * Whether the failure, or anything that caused it, is the database being unreachable or shutting down: refused or
     * dropped connections, and PostgreSQL's connection-exception (08) and operator-intervention (57, e.g. admin
     * shutdown) classes, or the service refusing work it is too busy to finish in time. Such a request did not commit — the database rolls back what it did not acknowledge — so the
     * client may safely try again.
     */
    public static boolean isOutage(Throwable failure) {
        Map<Throwable, Boolean> seen = new IdentityHashMap<>();
        for (Throwable t = failure; t != null && seen.put(t, Boolean.TRUE) == null; t = t.getCause()) {
            if (t instanceof ConnectException || t instanceof ClosedConnectionException
                    || t instanceof ServiceBusyException) {
                return true;
            }
            if (t instanceof PgException pg && pg.getSqlState() != null
                    && (pg.getSqlState().startsWith("08") || pg.getSqlState().startsWith("57"))) {
                return true;
            }
        }
        return false;
    }
}
