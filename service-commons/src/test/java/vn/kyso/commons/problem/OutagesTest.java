package vn.kyso.commons.problem;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ConnectException;
import java.net.SocketException;
import java.util.concurrent.CompletionException;

import org.junit.jupiter.api.Test;

import io.vertx.core.VertxException;
import io.vertx.core.impl.NoStackTraceThrowable;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.ClosedConnectionException;

class OutagesTest {

    @Test
    void aRefusedOrDroppedConnectionIsAnOutageHoweverDeeplyWrapped() {
        assertTrue(Outages.isOutage(new CompletionException(new IllegalStateException("hibernate",
                new ConnectException("Connection refused")))));
        assertTrue(Outages.isOutage(ClosedConnectionException.INSTANCE));
    }

    @Test
    void theSqlClientsOwnClosedConnectionFailuresAreOutages() {
        // What vertx-sql-client 4.5 fails a command with when the server closed the connection under it.
        assertTrue(Outages.isOutage(new CompletionException(
                new NoStackTraceThrowable("Connection is not active now, current status: CLOSED"))));
        assertTrue(Outages.isOutage(new VertxException(
                "Pending requests failed to be sent due to connection has been closed.", new SocketException("reset"))));
        assertTrue(Outages.isOutage(new NoStackTraceThrowable(
                "Pending requests failed to be sent due to connection has been closed.")));
        assertTrue(Outages.isOutage(new VertxException("Connection was closed", true)));
        assertTrue(Outages.isOutage(new IllegalStateException("hibernate", new SocketException("Connection reset"))));
    }

    @Test
    void anOutageFailingTheRollbackTooIsFoundAmongSuppressedFailures() {
        Exception statement = new IllegalStateException("the statement failed");
        statement.addSuppressed(new NoStackTraceThrowable("Connection is not active now, current status: CLOSED"));
        assertTrue(Outages.isOutage(new RuntimeException(statement)));
    }

    @Test
    void postgresShuttingDownOrRefusingConnectionsIsAnOutage() {
        assertTrue(Outages.isOutage(new PgException("sorry, too many clients already", "FATAL", "53300", null)));
        assertTrue(Outages.isOutage(new PgException("terminating connection due to administrator command", "FATAL",
                "57P01", null)));
        assertTrue(Outages.isOutage(new PgException("the database system is starting up", "FATAL", "57P03", null)));
        assertTrue(Outages.isOutage(new PgException("connection failure", "FATAL", "08006", null)));
    }

    @Test
    void bugsAndDataErrorsAreNotOutages() {
        assertFalse(Outages.isOutage(new PgException("duplicate key", "ERROR", "23505", null)));
        assertFalse(Outages.isOutage(new PgException("syntax error", "ERROR", "42601", null)));
        assertFalse(Outages.isOutage(new NullPointerException()));
        assertFalse(Outages.isOutage(new java.io.IOException("Unexpected character ('x')")),
                "a parser's IOException is not the database going away");
        assertFalse(Outages.isOutage(new VertxException("Invalid JSON payload")));
        assertFalse(Outages.isOutage(new IllegalStateException("Connection was closed")),
                "only the database client's messages are trusted");
        Exception loop = new Exception("self");
        assertFalse(Outages.isOutage(new RuntimeException(loop)));
    }
}
