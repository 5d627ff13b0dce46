package vn.kyso.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import vn.kyso.stack.EmbeddedPostgres;

/**
 * A real PostgreSQL server for the test JVM (one, however many applications it starts) with the service's own
 * database (init arg {@code database}).
 *
 * <p>{@code KYSO_DB_HOST}, {@code KYSO_DB_PORT}, {@code KYSO_DB_USER} and {@code KYSO_DB_PASSWORD} in the environment
 * point tests at an external server instead; the database is created there if missing.
 */
public class PostgresTestResource implements QuarkusTestResourceLifecycleManager {

    private static EmbeddedPostgres server;

    private String database = "kyso";

    @Override
    public void init(Map<String, String> initArgs) {
        database = initArgs.getOrDefault("database", database);
    }

    @Override
    public Map<String, String> start() {
        String host = System.getenv().getOrDefault("KYSO_DB_HOST", "");
        String user;
        String password;
        int port;
        if (!host.isBlank()) {
            port = Integer.parseInt(System.getenv().getOrDefault("KYSO_DB_PORT", "5432"));
            user = System.getenv().getOrDefault("KYSO_DB_USER", "postgres");
            password = System.getenv().getOrDefault("KYSO_DB_PASSWORD", "");
            EmbeddedPostgres.ensureDatabase("jdbc:postgresql://" + host + ":" + port + "/postgres", user, password,
                    database);
        } else {
            host = "127.0.0.1";
            port = JvmWide.call(PostgresTestResource.class, "serverWith", database);
            user = EmbeddedPostgres.USER;
            password = "";
        }
        return Map.of(
                "quarkus.datasource.username", user,
                "quarkus.datasource.password", password,
                "quarkus.datasource.reactive.url", "postgresql://" + host + ":" + port + "/" + database,
                "quarkus.datasource.jdbc.url", "jdbc:postgresql://" + host + ":" + port + "/" + database);
    }

    /** The JVM's server (JvmWide), started on first use, with {@code database} in it: its port. */
    private static synchronized Integer serverWith(String database) {
        if (server == null) {
            try {
                server = EmbeddedPostgres.start(0, Files.createTempDirectory("kyso-pg-"), false);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            EmbeddedPostgres started = server;
            Runtime.getRuntime().addShutdownHook(new Thread(started::close, "kyso-test-pg-stop"));
        }
        server.ensureDatabase(database);
        return server.port();
    }

    @Override
    public void stop() {
        // Kept for the next test class of this JVM; the shutdown hook stops it.
    }
}
