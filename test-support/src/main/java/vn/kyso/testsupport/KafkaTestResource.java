package vn.kyso.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import vn.kyso.events.Topics;
import vn.kyso.stack.EmbeddedKafka;

/**
 * A real Kafka broker for the test JVM; {@code KAFKA_BOOTSTRAP_SERVERS} in the environment points tests at an
 * external broker instead. One broker serves every test class and application of the JVM ({@link JvmWide}).
 */
public class KafkaTestResource implements QuarkusTestResourceLifecycleManager {

    private static EmbeddedKafka broker;

    @Override
    public Map<String, String> start() {
        return Map.of("kafka.bootstrap.servers", bootstrapServers());
    }

    /** The broker's address, starting it on first use. */
    public static String bootstrapServers() {
        String external = System.getenv("KAFKA_BOOTSTRAP_SERVERS");
        if (external != null && !external.isBlank()) {
            return external;
        }
        return JvmWide.call(KafkaTestResource.class, "startedBroker");
    }

    private static synchronized String startedBroker() {
        if (broker == null) {
            // The broker shares the test JVM: a fatal broker error must fail tests loudly, not exit the JVM silently.
            org.apache.kafka.common.utils.Exit.setExitProcedure((code, message) -> {
                IllegalStateException e = new IllegalStateException("Kafka asked to exit(" + code + "): " + message);
                e.printStackTrace();
                throw e;
            });
            org.apache.kafka.common.utils.Exit.setHaltProcedure((code, message) -> {
                IllegalStateException e = new IllegalStateException("Kafka asked to halt(" + code + "): " + message);
                e.printStackTrace();
                throw e;
            });
            try {
                broker = EmbeddedKafka.start(0, Files.createTempDirectory("kyso-kafka-"));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            broker.createTopics(Topics.ALL, 3);
            EmbeddedKafka started = broker;
            Runtime.getRuntime().addShutdownHook(new Thread(started::stop, "kyso-test-kafka-stop"));
        }
        return broker.bootstrapServers();
    }

    /** Whether the tests run against the embedded broker, which they may stop and restart. */
    public static boolean embedded() {
        String external = System.getenv("KAFKA_BOOTSTRAP_SERVERS");
        return external == null || external.isBlank();
    }

    /** Stops the embedded broker (started first if it was not); {@link #restartBroker()} brings it back. */
    public static void stopBroker() {
        bootstrapServers();
        JvmWide.call(KafkaTestResource.class, "stopStarted");
    }

    /** Starts the embedded broker again on the same port and storage. */
    public static void restartBroker() {
        JvmWide.call(KafkaTestResource.class, "restartStarted");
    }

    private static synchronized Boolean stopStarted() {
        broker.stop();
        return true;
    }

    private static synchronized Boolean restartStarted() {
        broker.restart();
        return true;
    }

    @Override
    public void stop() {
        // Kept for the next test class of this JVM; the shutdown hook stops it.
    }
}
