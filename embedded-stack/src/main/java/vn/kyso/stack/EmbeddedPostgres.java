package vn.kyso.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/** A real PostgreSQL server (zonky's bundled binaries, which also run as root) with one database per service. */
public final class EmbeddedPostgres implements AutoCloseable {

    public static final String USER = "postgres";

    private final io.zonky.test.db.postgres.embedded.EmbeddedPostgres server;

    private EmbeddedPostgres(io.zonky.test.db.postgres.embedded.EmbeddedPostgres server) {
        this.server = server;
    }

    /**
     * Starts a server.
     *
     * @param port 0 for a free port
     * @param dataDir kept across restarts when {@code durable}; wiped first otherwise
     * @param durable false for tests: no fsync, fresh data
     */
    public static EmbeddedPostgres start(int port, Path dataDir, boolean durable) {
        return start(port, dataDir, durable, PostgresBinaries.defaultRoot());
    }

    /** Starts a server whose binaries are unpacked under {@code binariesRoot} (see {@link PostgresBinaries}). */
    public static EmbeddedPostgres start(int port, Path dataDir, boolean durable, Path binariesRoot) {
        try {
            var builder = io.zonky.test.db.postgres.embedded.EmbeddedPostgres.builder()
                    .setPort(FreePorts.orPick(port))
                    .setDataDirectory(dataDir)
                    .setCleanDataDirectory(!durable)
                    .setServerConfig("max_connections", "300")
                    .setServerConfig("listen_addresses", "127.0.0.1");
            Path binaries = PostgresBinaries.prepare(binariesRoot);
            if (binaries != null) {
                builder.setOverrideWorkingDirectory(binaries.toFile());
            }
            if (!durable) {
                builder.setServerConfig("fsync", "off")
                        .setServerConfig("synchronous_commit", "off")
                        .setServerConfig("full_page_writes", "off");
            }
            return new EmbeddedPostgres(builder.start());
        } catch (IOException e) {
            throw new UncheckedIOException("PostgreSQL could not start in " + dataDir, e);
        }
    }

    public int port() {
        return server.getPort();
    }

    /** Creates the database when it does not exist yet. */
    public void ensureDatabase(String name) {
        ensureDatabase("jdbc:postgresql://127.0.0.1:" + port() + "/postgres", USER, "", name);
    }

    /** Creates a database on any PostgreSQL server reachable by JDBC, when it does not exist yet. */
    public static void ensureDatabase(String adminJdbcUrl, String user, String password, String name) {
        if (!name.matches("[a-z][a-z0-9_]{0,62}")) {
            throw new IllegalArgumentException("not a plain database name: " + name);
        }
        try (Connection c = java.sql.DriverManager.getConnection(adminJdbcUrl, user, password);
                PreparedStatement exists = c.prepareStatement("select 1 from pg_database where datname = ?")) {
            exists.setString(1, name);
            try (ResultSet rs = exists.executeQuery()) {
                if (rs.next()) {
                    return;
                }
            }
            try (Statement create = c.createStatement()) {
                create.execute("create database " + name);
            } catch (SQLException e) {
                // Another process created it between the check and the create: that is the outcome we wanted.
                if (!"42P04".equals(e.getSQLState())) {
                    throw e;
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create database " + name + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
