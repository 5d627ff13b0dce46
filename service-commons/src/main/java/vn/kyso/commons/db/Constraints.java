package vn.kyso.commons.db;

import org.hibernate.JDBCException;

import io.vertx.pgclient.PgException;

/** Recognises database constraint failures that are the client's conflict rather than the server's fault. */
public final class Constraints {

    private static final String UNIQUE_VIOLATION = "23505";

    private Constraints() {
    }

    /** True when the failure, or any cause, is a PostgreSQL unique violation (a lost race on a unique key). */
    public static boolean isUniqueViolation(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof PgException pg && UNIQUE_VIOLATION.equals(pg.getSqlState())
                    || t instanceof JDBCException jdbc && UNIQUE_VIOLATION.equals(jdbc.getSQLState())) {
                return true;
            }
        }
        return false;
    }
}
