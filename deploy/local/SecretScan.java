import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * After a full run of the local stack, looks for secrets in clear where they must never be: every log file, every
 * Kafka record (key, headers, value) and every row of every service database. Exits 1 and names the places it found
 * one. Run by {@code ./kyso smoke} with the secrets of its run:
 * {@code java -cp 'deploy/target/stack/lib/*' deploy/local/SecretScan.java <kyso dir> <secret>...}.
 */
public class SecretScan {

    /** Raw bytes as ISO-8859-1 text: every byte one char, so an ASCII secret inside matches as itself. */
    private static String bytes(byte[] raw) {
        return raw == null ? null : new String(raw, StandardCharsets.ISO_8859_1);
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        // Blank arguments (a step that did not run) name no secret.
        List<String> secrets = List.of(args).subList(1, args.length).stream().filter(s -> !s.isBlank()).toList();
        // A short all-digit secret (activation code, PIN) counts only as a word of its own: not inside a longer digit
        // run, a decimal fraction (a timestamp's microseconds) or a base64/hex run (certificates, signatures), where any
        // 6 digits turn up by chance once there are enough records.
        List<Pattern> patterns = secrets.stream()
                .map(s -> Pattern.compile(s.matches("\\d+") ? "(?<![A-Za-z0-9+/.])" + s + "(?![A-Za-z0-9+/])"
                        : Pattern.quote(s)))
                .toList();
        List<String> found = new ArrayList<>();

        try (Stream<Path> logs = Files.list(dir.resolve("logs"))) {
            for (Path log : logs.toList()) {
                String text = Files.readString(log, StandardCharsets.UTF_8);
                patterns.stream().filter(s -> s.matcher(text).find()).forEach(s -> found.add("log " + log.getFileName()));
            }
        }

        String bootstrap = System.getenv().getOrDefault("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:9092");
        int records = 0;
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, "kyso-secret-scan-" + UUID.randomUUID(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName()))) {
            List<TopicPartition> partitions = new ArrayList<>();
            consumer.listTopics(Duration.ofSeconds(10)).forEach((topic, infos) -> {
                if (topic.startsWith("kyso.")) {
                    infos.forEach(i -> partitions.add(new TopicPartition(topic, i.partition())));
                }
            });
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p)) && System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    records++;
                    StringBuilder all = new StringBuilder();
                    if (r.key() != null) {
                        all.append(new String(r.key(), StandardCharsets.UTF_8));
                    }
                    for (Header h : r.headers()) {
                        all.append(h.key()).append(new String(h.value() == null ? new byte[0] : h.value(), StandardCharsets.UTF_8));
                    }
                    if (r.value() != null) {
                        all.append(new String(r.value(), StandardCharsets.UTF_8));
                    }
                    patterns.stream().filter(s -> s.matcher(all).find())
                            .forEach(s -> found.add("kafka " + r.topic() + "/" + r.partition() + "@" + r.offset()));
                }
            }
        }

        String host = System.getenv().getOrDefault("KYSO_DB_HOST", "127.0.0.1");
        String port = System.getenv().getOrDefault("KYSO_DB_PORT", "15432");
        String user = System.getenv().getOrDefault("KYSO_DB_USER", "postgres");
        String password = System.getenv().getOrDefault("KYSO_DB_PASSWORD", "");
        int rows = 0;
        for (String db : List.of("account", "activation", "ca", "signing", "notification")) {
            try (Connection c = DriverManager.getConnection("jdbc:postgresql://" + host + ":" + port + "/" + db, user,
                    password)) {
                List<String> tables = new ArrayList<>();
                try (ResultSet t = c.getMetaData().getTables(null, "public", "%", new String[] {"TABLE"})) {
                    while (t.next()) {
                        tables.add(t.getString("TABLE_NAME"));
                    }
                }
                for (String table : tables) {
                    try (ResultSet rs = c.createStatement().executeQuery("select * from \"" + table + "\"")) {
                        int columns = rs.getMetaData().getColumnCount();
                        while (rs.next()) {
                            rows++;
                            for (int i = 1; i <= columns; i++) {
                                // A bytea column is judged on its bytes (a secret kept in clear shows as its own
                                // characters there), not on PostgreSQL's hex rendering, where any 6 digits turn up
                                // by chance among enough signatures.
                                String value = "bytea".equals(rs.getMetaData().getColumnTypeName(i))
                                        ? bytes(rs.getBytes(i)) : rs.getString(i);
                                if (value != null) {
                                    for (Pattern s : patterns) {
                                        if (s.matcher(value).find()) {
                                            found.add("database " + db + "." + table + "." + rs.getMetaData().getColumnName(i));
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        if (!found.isEmpty()) {
            System.out.println("secret-scan: SECRET IN CLEAR at " + found.stream().distinct().toList());
            System.exit(1);
        }
        System.out.printf("secret-scan: %d secrets absent from %s logs, %d Kafka records and %d database rows%n",
                secrets.size(), dir.resolve("logs"), records, rows);
    }
}
