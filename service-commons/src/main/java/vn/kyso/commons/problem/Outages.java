package vn.kyso.commons.problem;

import java.io.IOException;
import java.net.SocketException;
import java.nio.channels.ClosedChannelException;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.Locale;
import java.util.Set;

import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.ClosedConnectionException;
import vn.kyso.commons.work.ServiceBusyException;

/** Tells a temporary failure (database gone or restarting, service too busy) from a bug, so it can be a 503. */
public final class Outages {

    private Outages() {
    }

    /**
     * Whether the failure, anything that caused it or anything suppressed along the way is the database being
     * unreachable or shutting down, or the service refusing work it is too busy to finish in time.
     *
     * <p>Recognised: socket failures (refused, reset, closed), the SQL client's own closed-connection failures
     * (which it raises as plain Vert.x exceptions, told apart only by their message), and PostgreSQL's
     * connection-exception (08), insufficient-resources (53, e.g. too many connections) and operator-intervention (57,
     * e.g. admin shutdown, starting up) classes. Such a request did not commit — the database rolls back what it did
     * not acknowledge — so the client may safely try again.
     */
    public static boolean isOutage(Throwable failure) {
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        Deque<Throwable> todo = new ArrayDeque<>();
        if (failure != null) {
            todo.add(failure);
        }
        while (!todo.isEmpty()) {
            Throwable t = todo.poll();
            if (!seen.add(t)) {
                continue;
            }
            if (isOutageItself(t)) {
                return true;
            }
            if (t.getCause() != null) {
                todo.add(t.getCause());
            }
            // Mutiny's CompositeException (a failed rollback after a failed statement) keeps all but the first here.
            Collections.addAll(todo, t.getSuppressed());
        }
        return false;
    }

    private static boolean isOutageItself(Throwable t) {
        if (t instanceof SocketException || t instanceof ClosedChannelException
                || t instanceof ClosedConnectionException || t instanceof ServiceBusyException) {
            return true;
        }
        // Netty's native transport reports a reset socket as an IOException of its own. Other IOExceptions (a JSON
        // parser's, a file's) are not outages.
        if (t instanceof IOException && t.getClass().getName().startsWith("io.netty.")) {
            return true;
        }
        if (t instanceof PgException pg) {
            String state = pg.getSqlState();
            return state != null && (state.startsWith("08") || state.startsWith("53") || state.startsWith("57"));
        }
        // "Connection was closed", "Connection is not active now, current status: CLOSED", "Pending requests failed
        // to be sent due to connection has been closed.": what the Vert.x SQL client fails a command with when the
        // server went away under it.
        if (t.getClass().getName().startsWith("io.vertx.") && t.getMessage() != null) {
            String message = t.getMessage().toLowerCase(Locale.ROOT);
            return message.contains("connection") && (message.contains("closed") || message.contains("not active"));
        }
        return false;
    }
}
