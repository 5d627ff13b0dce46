package vn.kyso.tools.deadletters;

import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import vn.kyso.events.Topics;

/**
 * The operator's view of dead letters: lists what the services refused (with the reason they recorded) and replays
 * chosen records to the topic they came from. It reads without a consumer group (nothing to commit, no group ACL) and
 * writes only to Kyso's own topics; consumers dedupe by event id, so replaying a record twice is harmless.
 *
 * <pre>
 * dead-letters [--bootstrap host:port] [--config client.properties] list [dead-letter-topic ...]
 * dead-letters [--bootstrap host:port] [--config client.properties] replay topic:partition:offset ...
 * </pre>
 *
 * <p>Kafka client settings also come from the environment as the services take them: {@code KAFKA_SASL_MECHANISM}
 * is {@code sasl.mechanism}, and so on (the cluster's Job sets TLS and SCRAM this way).
 */
public final class DeadLetterTool {

    static final String PREFIX = "kyso.dlq.";
    /** Header names of the dead-letter strategy (service-commons' DeadLetters, the connector's names). */
    static final String ORIGIN_TOPIC = "dead-letter-topic";
    static final String REPLAYED_FROM = "kyso-replayed-from";

    private final Properties client;
    private final PrintStream out;

    DeadLetterTool(Properties client, PrintStream out) {
        this.client = client;
        this.out = out;
    }

    public static void main(String[] args) throws Exception {
        Properties client = new Properties();
        List<String> rest = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--bootstrap" -> client.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, args[++i]);
                case "--config" -> {
                    try (InputStream in = Files.newInputStream(Path.of(args[++i]))) {
                        Properties file = new Properties();
                        file.load(in);
                        file.forEach(client::putIfAbsent);
                    }
                }
                default -> rest.add(args[i]);
            }
        }
        fromEnvironment(System.getenv()).forEach(client::putIfAbsent);
        DeadLetterTool tool = new DeadLetterTool(client, System.out);
        if (rest.isEmpty() || !client.containsKey(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG)) {
            usage();
        }
        switch (rest.get(0)) {
            case "list" -> tool.list(rest.subList(1, rest.size()));
            case "replay" -> {
                if (rest.size() < 2) {
                    usage();
                }
                tool.replay(rest.subList(1, rest.size()));
            }
            default -> usage();
        }
    }

    /** {@code KAFKA_SSL_TRUSTSTORE_TYPE=PEM} is {@code ssl.truststore.type=PEM}; other variables are ignored. */
    static Properties fromEnvironment(Map<String, String> env) {
        Properties settings = new Properties();
        env.forEach((name, value) -> {
            if (name.startsWith("KAFKA_") && name.length() > "KAFKA_".length() && value != null && !value.isBlank()) {
                settings.put(name.substring("KAFKA_".length()).toLowerCase(java.util.Locale.ROOT).replace('_', '.'),
                        value);
            }
        });
        return settings;
    }

    private static void usage() {
        System.err.println("usage: dead-letters [--bootstrap host:port] [--config client.properties] "
                + "list [dead-letter-topic ...] | replay topic:partition:offset ...");
        System.exit(2);
    }

    /** Prints every dead letter of the named dead-letter topics (all of Kyso's when none is named); returns how many. */
    int list(List<String> topics) throws InterruptedException, ExecutionException, TimeoutException {
        List<String> chosen = new ArrayList<>(topics);
        if (chosen.isEmpty()) {
            try (Admin admin = Admin.create(client)) {
                admin.listTopics().names().get(30, TimeUnit.SECONDS).stream().filter(t -> t.startsWith(PREFIX))
                        .sorted().forEach(chosen::add);
            }
        }
        for (String topic : chosen) {
            requireDeadLetterTopic(topic);
        }
        int count = 0;
        try (KafkaConsumer<byte[], byte[]> consumer = consumer()) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (String topic : chosen) {
                consumer.partitionsFor(topic, Duration.ofSeconds(30))
                        .forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, Duration.ofSeconds(30));
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                if (System.nanoTime() > deadline) {
                    throw new TimeoutException("dead letters not read to the end within 60 s");
                }
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                    if (r.offset() < end.get(new TopicPartition(r.topic(), r.partition()))) {
                        out.println(describe(r));
                        count++;
                    }
                }
            }
        }
        out.println(count + " dead letter(s) in " + String.join(", ", new TreeSet<>(chosen)));
        return count;
    }

    /** Sends each chosen dead letter back to the topic it came from, with its key, value and event headers. */
    void replay(List<String> coordinates) throws InterruptedException, ExecutionException, TimeoutException {
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = consumer()) {
            for (String coordinate : coordinates) {
                String[] parts = coordinate.split(":");
                if (parts.length != 3) {
                    throw new IllegalArgumentException("not topic:partition:offset: " + coordinate);
                }
                requireDeadLetterTopic(parts[0]);
                TopicPartition partition = new TopicPartition(parts[0], Integer.parseInt(parts[1]));
                long offset = Long.parseLong(parts[2]);
                consumer.assign(List.of(partition));
                consumer.seek(partition, offset);
                ConsumerRecord<byte[], byte[]> found = null;
                long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
                while (found == null && System.nanoTime() < deadline) {
                    for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                        if (r.offset() == offset) {
                            found = r;
                        }
                    }
                    if (found == null && consumer.position(partition) > offset) {
                        break;
                    }
                }
                if (found == null) {
                    throw new IllegalArgumentException("no dead letter at " + coordinate);
                }
                records.add(found);
            }
        }
        Properties producer = new Properties();
        producer.putAll(client);
        producer.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        producer.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        producer.put(ProducerConfig.ACKS_CONFIG, "all");
        producer.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        try (KafkaProducer<byte[], byte[]> sender = new KafkaProducer<>(producer)) {
            for (ConsumerRecord<byte[], byte[]> r : records) {
                String origin = header(r, ORIGIN_TOPIC);
                if (origin == null || !Topics.ALL.contains(origin)) {
                    throw new IllegalArgumentException(coordinates(r) + " names no Kyso topic to return to: " + origin);
                }
                RecordHeaders headers = new RecordHeaders();
                for (Header h : r.headers()) {
                    if (!h.key().startsWith("dead-letter-")) {
                        headers.add(h);
                    }
                }
                headers.add(REPLAYED_FROM, coordinates(r).getBytes(StandardCharsets.UTF_8));
                var sent = sender.send(new ProducerRecord<>(origin, null, r.key(), r.value(), headers))
                        .get(30, TimeUnit.SECONDS);
                out.println("replayed " + coordinates(r) + " to " + sent.topic() + ":" + sent.partition() + ":"
                        + sent.offset());
            }
        }
    }

    private KafkaConsumer<byte[], byte[]> consumer() {
        Properties props = new Properties();
        props.putAll(client);
        props.remove(ConsumerConfig.GROUP_ID_CONFIG);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        return new KafkaConsumer<>(props);
    }

    private static void requireDeadLetterTopic(String topic) {
        if (!topic.startsWith(PREFIX)) {
            throw new IllegalArgumentException("not a dead-letter topic (" + PREFIX + "*): " + topic);
        }
    }

    static String describe(ConsumerRecord<byte[], byte[]> r) {
        return coordinates(r) + "  " + orDash(header(r, "ce_type")) + "  id " + orDash(header(r, "ce_id"))
                + "  key " + (r.key() == null ? "-" : new String(r.key(), StandardCharsets.UTF_8))
                + "  from " + orDash(header(r, ORIGIN_TOPIC)) + ":" + orDash(header(r, "dead-letter-partition")) + ":"
                + orDash(header(r, "dead-letter-offset")) + "  reason: " + orDash(header(r, "dead-letter-reason"));
    }

    private static String coordinates(ConsumerRecord<?, ?> r) {
        return r.topic() + ":" + r.partition() + ":" + r.offset();
    }

    private static String header(ConsumerRecord<?, ?> r, String name) {
        Header h = r.headers().lastHeader(name);
        return h == null || h.value() == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    private static String orDash(String s) {
        return s == null ? "-" : s.replaceAll("\\s+", " ");
    }
}
