package vn.kyso.commons.problem;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ConnectException;
import java.util.concurrent.CompletionException;

import org.junit.jupiter.api.Test;

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
    void postgresShuttingDownOrRefusingConnectionsIsAnOutage() {
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
        Exception loop = new Exception("self");
        assertFalse(Outages.isOutage(new RuntimeException(loop)));
    }
}
