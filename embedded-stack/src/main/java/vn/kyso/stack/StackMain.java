package vn.kyso.stack;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * The infrastructure process of {@code ./kyso up}: a Kafka broker and a PostgreSQL server with the services' databases.
 *
 * <p>System properties: {@code kyso.dir} (state directory), {@code kyso.kafka.port}, {@code kyso.pg.port},
 * {@code kyso.pg.databases} (comma separated). Stops both cleanly on SIGTERM so their data survives.
 */
public final class StackMain {

    private StackMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        Path dir = Path.of(System.getProperty("kyso.dir", ".kyso"));
        int kafkaPort = Integer.getInteger("kyso.kafka.port", 9092);
        int pgPort = Integer.getInteger("kyso.pg.port", 15432);
        List<String> databases = List.of(System.getProperty("kyso.pg.databases", "").split(","));

        long started = System.nanoTime();
        EmbeddedPostgres postgres = EmbeddedPostgres.start(pgPort, dir.resolve("postgres"), true);
        databases.stream().map(String::trim).filter(s -> !s.isEmpty()).forEach(postgres::ensureDatabase);
        EmbeddedKafka kafka = EmbeddedKafka.start(kafkaPort, dir.resolve("kafka"));

        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            kafka.stop();
            postgres.close();
            stopped.countDown();
        }, "kyso-stack-shutdown"));
        System.out.printf("kyso-stack ready: kafka %s, postgresql 127.0.0.1:%d (databases %s) in %d ms%n",
                kafka.bootstrapServers(), postgres.port(), databases, (System.nanoTime() - started) / 1_000_000);
        stopped.await();
    }
}
