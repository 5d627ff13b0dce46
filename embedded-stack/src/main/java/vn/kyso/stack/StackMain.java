package vn.kyso.stack;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

import vn.kyso.events.Topics;

/**
 * The infrastructure process of {@code ./kyso up}: a Kafka broker and a PostgreSQL server with the services' databases.
 *
 * <p>System properties: {@code kyso.dir} (state directory), {@code kyso.kafka.port}, {@code kyso.pg.port},
 * {@code kyso.pg.databases} (comma separated). Environment: {@code KAFKA_BOOTSTRAP_SERVERS} means an external broker
 * (none is started); {@code KYSO_DB_HOST} (+ {@code KYSO_DB_PORT}, {@code KYSO_DB_USER}, {@code KYSO_DB_PASSWORD})
 * means an external PostgreSQL, on which the databases are created if missing. Stops cleanly on SIGTERM so data
 * survives.
 */
public final class StackMain {

    private StackMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        Path dir = Path.of(System.getProperty("kyso.dir", ".kyso"));
        int kafkaPort = Integer.getInteger("kyso.kafka.port", 9092);
        int pgPort = Integer.getInteger("kyso.pg.port", 15432);
        List<String> databases = List.of(System.getProperty("kyso.pg.databases", "").split(",")).stream()
                .map(String::trim).filter(s -> !s.isEmpty()).toList();
        List<String> components = List.of(System.getProperty("kyso.components", "kafka,postgres").split(","));
        String externalKafka = System.getenv("KAFKA_BOOTSTRAP_SERVERS");
        String externalDb = System.getenv("KYSO_DB_HOST");

        long started = System.nanoTime();
        List<String> ready = new ArrayList<>();
        EmbeddedPostgres postgres = null;
        if (components.contains("postgres")) {
            if (externalDb == null || externalDb.isBlank()) {
                postgres = EmbeddedPostgres.start(pgPort, dir.resolve("postgres"), true);
                databases.forEach(postgres::ensureDatabase);
                ready.add("postgresql 127.0.0.1:" + postgres.port() + " (databases " + databases + ")");
            } else {
                String url = "jdbc:postgresql://" + externalDb + ":" + env("KYSO_DB_PORT", "5432") + "/postgres";
                for (String db : databases) {
                    EmbeddedPostgres.ensureDatabase(url, env("KYSO_DB_USER", "postgres"), env("KYSO_DB_PASSWORD", ""),
                            db);
                }
                ready.add("postgresql external " + externalDb + " (databases " + databases + ")");
            }
        }
        EmbeddedKafka kafka = null;
        if (components.contains("kafka")) {
            if (externalKafka == null || externalKafka.isBlank()) {
                // The launcher's broker keeps its log directory and may be killed and started again (FaultsIT, a
                // crash): a 4 s lease shortens what that costs; a moment's CPU starvation (an account burst on two
                // cores, heartbeats every second) does not fence it.
                kafka = EmbeddedKafka.start(kafkaPort, dir.resolve("kafka"), java.time.Duration.ofSeconds(4));
                kafka.createTopics(Topics.ALL, 3);
                ready.add("kafka " + kafka.bootstrapServers());
            } else {
                ready.add("kafka external " + externalKafka);
            }
        }

        EmbeddedKafka broker = kafka;
        EmbeddedPostgres pg = postgres;
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            if (broker != null) {
                broker.stop();
            }
            if (pg != null) {
                pg.close();
            }
            stopped.countDown();
        }, "kyso-stack-shutdown"));
        System.out.printf("kyso-stack ready: %s in %d ms%n", String.join(", ", ready),
                (System.nanoTime() - started) / 1_000_000);
        System.out.flush();
        if (broker == null && pg == null) {
            return;
        }
        stopped.await();
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
