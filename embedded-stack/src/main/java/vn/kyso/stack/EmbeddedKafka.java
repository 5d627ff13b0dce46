package vn.kyso.stack;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;

/** A real single-node Kafka broker (KRaft, combined broker + controller) running inside this JVM. */
public final class EmbeddedKafka implements AutoCloseable {

    private final int port;
    private final int controllerPort;
    private final Path logDir;
    private final Duration lease;
    private KafkaRaftServer server;

    private EmbeddedKafka(int port, int controllerPort, Path logDir, Duration lease) {
        this.port = port;
        this.controllerPort = controllerPort;
        this.logDir = logDir;
        this.lease = lease;
    }

    /**
     * Starts a broker; formats the log directory only when it holds no cluster yet, so a persistent directory keeps
     * its topics and offsets across restarts.
     *
     * @param port client port, 0 for a free one
     * @param logDir where the broker keeps its logs
     */
    public static EmbeddedKafka start(int port, Path logDir) {
        return start(port, logDir, null);
    }

    /**
     * The same, with the lease of the broker's registration with its own controller (Kafka's default when null). A
     * broker killed (kill -9, a lost machine) and started again on the same log directory finds its previous
     * registration still leased and serves nothing until that lease runs out: 9 s by default, during which every
     * consumer waits too.
     *
     * @param lease the registration's lease; heartbeats are sent four times in it
     */
    public static EmbeddedKafka start(int port, Path logDir, Duration lease) {
        int clientPort = FreePorts.orPick(port);
        EmbeddedKafka kafka = new EmbeddedKafka(clientPort, FreePorts.pickOtherThan(clientPort), logDir, lease);
        kafka.startServer();
        return kafka;
    }

    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    /**
     * Creates the topics that do not exist yet, so consumers that subscribe before the first event is published see
     * them at once instead of after their next metadata refresh.
     */
    public void createTopics(Collection<String> names, int partitions) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers()))) {
            Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            List<NewTopic> missing = names.stream().filter(n -> !existing.contains(n))
                    .map(n -> new NewTopic(n, partitions, (short) 1)).toList();
            if (!missing.isEmpty()) {
                admin.createTopics(missing).all().get(30, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot create topics " + names, e);
        }
    }

    /** Starts the broker again on the same ports and logs after {@link #stop()}: how tests simulate an outage. */
    public synchronized void restart() {
        if (server == null) {
            startServer();
        }
    }

    public synchronized void stop() {
        if (server != null) {
            server.shutdown();
            server.awaitShutdown();
            server = null;
        }
    }

    @Override
    public void close() {
        stop();
    }

    private synchronized void startServer() {
        try {
            Files.createDirectories(logDir);
            Path config = logDir.resolve("server.properties");
            Properties props = properties();
            try (OutputStream out = Files.newOutputStream(config)) {
                props.store(out, "Kyso embedded Kafka broker");
            }
            if (!Files.exists(logDir.resolve("meta.properties"))) {
                format(config);
            }
            server = new KafkaRaftServer(KafkaConfig.fromProps(props, false), Time.SYSTEM);
            server.startup();
        } catch (IOException e) {
            throw new UncheckedIOException("Kafka broker could not start in " + logDir, e);
        }
    }

    private void format(Path config) {
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        int rc = StorageTool.execute(new String[] {
            "format", "-t", Uuid.randomUuid().toString(), "-c", config.toString(), "--ignore-formatted"
        }, new PrintStream(captured, true, StandardCharsets.UTF_8));
        if (rc != 0) {
            throw new IllegalStateException("Kafka storage format failed: " + captured.toString(StandardCharsets.UTF_8));
        }
    }

    private Properties properties() {
        Properties p = new Properties();
        p.put("process.roles", "broker,controller");
        p.put("node.id", "1");
        p.put("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
        p.put("listeners", "PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort);
        p.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port);
        p.put("controller.listener.names", "CONTROLLER");
        p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        p.put("inter.broker.listener.name", "PLAINTEXT");
        p.put("log.dirs", logDir.toAbsolutePath().toString());
        // A single node can only replicate once; the internal topics must agree or they are never created.
        p.put("offsets.topic.replication.factor", "1");
        p.put("offsets.topic.num.partitions", "5");
        p.put("transaction.state.log.replication.factor", "1");
        p.put("transaction.state.log.min.isr", "1");
        p.put("share.coordinator.state.topic.replication.factor", "1");
        p.put("share.coordinator.state.topic.min.isr", "1");
        p.put("group.initial.rebalance.delay.ms", "0");
        if (lease != null) {
            p.put("broker.session.timeout.ms", Long.toString(lease.toMillis()));
            p.put("broker.heartbeat.interval.ms", Long.toString(Math.max(100, lease.toMillis() / 4)));
        }
        // The log cleaner reserves a 128 MB dedupe buffer by default, taken from a test JVM's heap beside the
        // application under test (a 1 GB heap once ran out with several brokers). A few MB serve these tiny topics.
        p.put("log.cleaner.dedupe.buffer.size", Integer.toString(4 * 1024 * 1024));
        p.put("log.cleaner.threads", "1");
        // Three partitions by default so per-key ordering is exercised locally as it is in production.
        p.put("num.partitions", "3");
        p.put("auto.create.topics.enable", "true");
        return p;
    }
}
