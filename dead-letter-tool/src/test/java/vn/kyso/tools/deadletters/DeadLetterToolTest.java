package vn.kyso.tools.deadletters;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import vn.kyso.events.Topics;
import vn.kyso.stack.EmbeddedKafka;

/** Dead letters listed with their reason and replayed to their topic, against a real broker. */
class DeadLetterToolTest {

    static final String DLQ = "kyso.dlq.ca-service";
    @TempDir
    static Path dir;
    static EmbeddedKafka kafka;

    @BeforeAll
    static void start() {
        kafka = EmbeddedKafka.start(0, dir.resolve("kafka"));
    }

    @AfterAll
    static void stop() {
        kafka.close();
    }

    @Test
    void kafkaSettingsComeFromTheEnvironmentAsTheServicesTakeThem() {
        Properties settings = DeadLetterTool.fromEnvironment(java.util.Map.of("KAFKA_BOOTSTRAP_SERVERS", "k:9093",
                "KAFKA_SASL_JAAS_CONFIG", "x required;", "KAFKA_SSL_TRUSTSTORE_TYPE", "PEM", "HOME", "/root"));
        assertEquals("k:9093", settings.get("bootstrap.servers"));
        assertEquals("x required;", settings.get("sasl.jaas.config"));
        assertEquals("PEM", settings.get("ssl.truststore.type"));
        assertEquals(3, settings.size());
    }

    @Test
    void listsDeadLettersWithTheirReasonAndReplaysTheChosenOneToItsTopic() throws Exception {
        kafka.createTopics(List.of(DLQ, Topics.ACCOUNT_EVENTS), 1);
        RecordHeaders headers = new RecordHeaders();
        headers.add("ce_id", "evt-42".getBytes(StandardCharsets.UTF_8));
        headers.add("ce_type", "vn.kyso.account.AccountCreated.v1".getBytes(StandardCharsets.UTF_8));
        headers.add("dead-letter-reason", "subject has no province".getBytes(StandardCharsets.UTF_8));
        headers.add("dead-letter-topic", Topics.ACCOUNT_EVENTS.getBytes(StandardCharsets.UTF_8));
        headers.add("dead-letter-partition", "0".getBytes(StandardCharsets.UTF_8));
        headers.add("dead-letter-offset", "7".getBytes(StandardCharsets.UTF_8));
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(p)) {
            producer.send(new ProducerRecord<>(DLQ, 0, "account-1", "{\"accountId\":\"account-1\"}", headers)).get();
            producer.send(new ProducerRecord<>(DLQ, 0, "account-2", "{}", new RecordHeaders(List.of(
                    new org.apache.kafka.common.header.internals.RecordHeader("dead-letter-reason",
                            "other".getBytes(StandardCharsets.UTF_8)))))).get();
        }
        Properties client = new Properties();
        client.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        DeadLetterTool tool = new DeadLetterTool(client, new PrintStream(printed, true, StandardCharsets.UTF_8));

        assertEquals(2, tool.list(List.of()));
        String listing = printed.toString(StandardCharsets.UTF_8);
        assertTrue(listing.contains(DLQ + ":0:0  vn.kyso.account.AccountCreated.v1  id evt-42  key account-1  from "
                + Topics.ACCOUNT_EVENTS + ":0:7  reason: subject has no province"), listing);
        assertTrue(listing.contains("2 dead letter(s) in " + DLQ), listing);

        tool.replay(List.of(DLQ + ":0:0"));

        Properties c = new Properties();
        c.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        c.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        c.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        List<ConsumerRecord<String, String>> back = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(c)) {
            TopicPartition tp = new TopicPartition(Topics.ACCOUNT_EVENTS, 0);
            consumer.assign(List.of(tp));
            consumer.seekToBeginning(List.of(tp));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (back.isEmpty() && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(back::add);
            }
        }
        assertEquals(1, back.size());
        ConsumerRecord<String, String> replayed = back.get(0);
        assertEquals("account-1", replayed.key());
        assertEquals("{\"accountId\":\"account-1\"}", replayed.value());
        assertEquals("evt-42", new String(replayed.headers().lastHeader("ce_id").value(), StandardCharsets.UTF_8));
        assertNull(replayed.headers().lastHeader("dead-letter-reason"), "the refusal does not travel back");
        assertEquals(DLQ + ":0:0", new String(replayed.headers().lastHeader(DeadLetterTool.REPLAYED_FROM).value(),
                StandardCharsets.UTF_8));

        IllegalArgumentException noOrigin = assertThrows(IllegalArgumentException.class,
                () -> tool.replay(List.of(DLQ + ":0:1")));
        assertTrue(noOrigin.getMessage().contains("names no Kyso topic"), noOrigin.getMessage());
        assertThrows(IllegalArgumentException.class, () -> tool.replay(List.of(Topics.ACCOUNT_EVENTS + ":0:0")),
                "only dead-letter topics are read");
    }
}
