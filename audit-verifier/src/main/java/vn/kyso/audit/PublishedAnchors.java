package vn.kyso.audit;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Copies the anchors published on {@code kyso.audit.anchors} (all of them, or one service's) as JSON lines, for
 * {@code AuditVerifier --anchors}: reads every partition from its start to the end offsets seen when it began, with
 * no consumer group (nothing is committed, nothing else is disturbed).
 */
public final class PublishedAnchors {

    static final String TOPIC = "kyso.audit.anchors";

    private PublishedAnchors() {
    }

    public static void main(String[] args) throws IOException {
        String bootstrap = null;
        String service = null;
        String out = null;
        List<String> settings = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--bootstrap" -> bootstrap = args[++i];
                case "--service" -> service = args[++i];
                case "--out" -> out = args[++i];
                case "--consumer-property" -> settings.add(args[++i]);
                default -> {
                    System.err.println("usage: PublishedAnchors --bootstrap <host:port> [--service <name>] "
                            + "[--out <file>] [--consumer-property key=value]...");
                    System.exit(2);
                }
            }
        }
        if (bootstrap == null) {
            System.err.println("--bootstrap is required");
            System.exit(2);
        }
        Properties properties = new Properties();
        for (String setting : settings) {
            properties.put(setting.substring(0, setting.indexOf('=')), setting.substring(setting.indexOf('=') + 1));
        }
        List<String> lines = read(bootstrap, service, properties);
        if (out == null) {
            PrintStream stdout = new PrintStream(System.out, true, StandardCharsets.UTF_8);
            lines.forEach(stdout::println);
        } else {
            Files.write(Path.of(out), lines, StandardCharsets.UTF_8);
            System.err.println(lines.size() + " published anchors written to " + out);
        }
    }

    /** Every published anchor (of {@code service}, or all when null), in partition order. */
    public static List<String> read(String bootstrap, String service, Properties extra) {
        Properties p = new Properties();
        p.putAll(extra);
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        List<String> lines = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(p)) {
            List<TopicPartition> partitions = consumer.partitionsFor(TOPIC, Duration.ofSeconds(30)).stream()
                    .map(info -> new TopicPartition(TOPIC, info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, Duration.ofSeconds(30));
            long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
            while (partitions.stream().anyMatch(tp -> consumer.position(tp) < ends.get(tp))) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("the anchors topic could not be read to its end in 2 minutes");
                }
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    if (record.value() != null && (service == null || service.equals(record.key()))) {
                        lines.add(record.value());
                    }
                }
            }
        }
        return lines;
    }
}
