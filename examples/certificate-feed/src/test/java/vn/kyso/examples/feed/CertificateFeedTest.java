package vn.kyso.examples.feed;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import vn.kyso.events.CloudEventConventions;
import vn.kyso.events.EventCodec;
import vn.kyso.events.EventType;
import vn.kyso.events.EventTypes;
import vn.kyso.events.Topics;
import vn.kyso.events.certificate.CertificateIssued;
import vn.kyso.events.certificate.CertificateRequestRejected;
import vn.kyso.events.certificate.CertificateRevoked;
import vn.kyso.stack.EmbeddedKafka;

/** The example consumer against a real broker, fed records shaped exactly as ca-service's outbox relay sends them. */
class CertificateFeedTest {

    private static EmbeddedKafka broker;
    private static KafkaProducer<String, String> producer;

    @BeforeAll
    static void startBroker(@TempDir Path dir) {
        broker = EmbeddedKafka.start(0, dir.resolve("kafka"));
        broker.createTopics(List.of(Topics.CERTIFICATE_EVENTS), 3);
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        producer = new KafkaProducer<>(props, new StringSerializer(), new StringSerializer());
    }

    @AfterAll
    static void stopBroker() {
        producer.close();
        broker.stop();
    }

    @Test
    void printsIssuedAndRevokedCertificatesOnceAndKeepsGoingPastBadRecords(@TempDir Path dir) throws Exception {
        String der = selfSignedCertificate(dir, "CN=Nguyễn Thị Hồng Nhung,L=Cầu Giấy,ST=Hà Nội,C=VN");
        UUID account = UUID.randomUUID();
        UUID credential = UUID.randomUUID();
        String serial = "5F3A9C0D12E4B7A1";
        Instant now = Instant.parse("2026-11-27T08:00:00Z");
        CertificateIssued issued = new CertificateIssued(account, credential, serial, der, List.of(der), now,
                now.plus(Duration.ofDays(365)), now);
        String issuedId = UUID.randomUUID().toString();
        send(EventTypes.CERTIFICATE_ISSUED, issuedId, serial, EventCodec.toJson(issued));
        send(EventTypes.CERTIFICATE_ISSUED, issuedId, serial, EventCodec.toJson(issued)); // redelivered
        send(EventTypes.CERTIFICATE_REQUEST_REJECTED, UUID.randomUUID().toString(), credential.toString(),
                EventCodec.toJson(new CertificateRequestRejected(account, credential, "CSR_WEAK_KEY", now)));
        send(EventTypes.CERTIFICATE_ISSUED, UUID.randomUUID().toString(), "BAD", "{not json");
        producer.send(new ProducerRecord<>(Topics.CERTIFICATE_EVENTS, "no-headers", "{}")).get();
        send(EventTypes.CERTIFICATE_REVOKED, UUID.randomUUID().toString(), serial,
                EventCodec.toJson(new CertificateRevoked(account, credential, serial, "keyCompromise", now)));

        Output first = new Output();
        try (Running feed = start("team-a", first)) {
            await().atMost(30, TimeUnit.SECONDS).until(() -> first.out().contains("REVOKED")
                    && first.err().lines().count() == 2);
        }
        List<String> lines = first.out().lines().toList();
        assertEquals(2, lines.size(), first.out());
        assertEquals("ISSUED  serial=" + serial + " account=" + account
                + " subject=\"CN=Nguyễn Thị Hồng Nhung,L=Cầu Giấy,ST=Hà Nội,C=VN\" notAfter=2027-11-27T08:00:00Z",
                lines.get(0));
        assertEquals("REVOKED serial=" + serial + " account=" + account + " reason=keyCompromise at=" + now,
                lines.get(1));
        assertTrue(first.err().contains("not a CloudEvent"), first.err());
        assertTrue(first.err().contains("payload is not a valid CertificateIssued"), first.err());

        // The same group resumes after what it committed: only the new record is printed.
        String other = "0A0B0C0D0E0F1011";
        send(EventTypes.CERTIFICATE_REVOKED, UUID.randomUUID().toString(), other,
                EventCodec.toJson(new CertificateRevoked(account, null, other, "superseded", now)));
        Output second = new Output();
        try (Running feed = start("team-a", second)) {
            await().atMost(30, TimeUnit.SECONDS).until(() -> second.out().contains(other));
        }
        assertEquals(List.of("REVOKED serial=" + other + " account=" + account + " reason=superseded at=" + now),
                second.out().lines().toList());
    }

    private static void send(EventType<?> type, String id, String key, String json) throws Exception {
        var record = new ProducerRecord<>(Topics.CERTIFICATE_EVENTS, key, json);
        record.headers().add(CloudEventConventions.HEADER_SPEC_VERSION, bytes("1.0"))
                .add(CloudEventConventions.HEADER_ID, bytes(id))
                .add(CloudEventConventions.HEADER_TYPE, bytes(type.type()))
                .add(CloudEventConventions.HEADER_SOURCE, bytes("/kyso/ca-service"))
                .add(CloudEventConventions.HEADER_SUBJECT, bytes(key))
                .add(CloudEventConventions.HEADER_TIME, bytes("2026-11-27T08:00:00Z"))
                .add("content-type", bytes(CloudEventConventions.CONTENT_TYPE));
        producer.send(record).get();
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static Running start(String group, Output output) {
        Properties client = new Properties();
        client.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        client.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        CertificateFeed feed = new CertificateFeed(client, output.outStream, output.errStream);
        Thread thread = new Thread(feed::run, "certificate-feed");
        thread.start();
        return new Running(feed, thread);
    }

    /** A certificate made by the JDK's keytool: a real DER X.509 with a UTF-8 subject, no CA code in this module. */
    private static String selfSignedCertificate(Path dir, String subject) throws IOException, InterruptedException {
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        Path store = dir.resolve("store.p12");
        Path cert = dir.resolve("cert.der");
        run(keytool.toString(), "-genkeypair", "-alias", "k", "-keyalg", "EC", "-groupname", "secp256r1",
                "-dname", subject, "-validity", "30", "-storetype", "PKCS12", "-keystore", store.toString(),
                "-storepass", "changeit");
        run(keytool.toString(), "-exportcert", "-alias", "k", "-keystore", store.toString(), "-storepass",
                "changeit", "-file", cert.toString());
        return Base64.getEncoder().encodeToString(Files.readAllBytes(cert));
    }

    private static void run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), output);
    }

    private static final class Output {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        final ByteArrayOutputStream err = new ByteArrayOutputStream();
        final PrintStream outStream = new PrintStream(out, true, StandardCharsets.UTF_8);
        final PrintStream errStream = new PrintStream(err, true, StandardCharsets.UTF_8);

        synchronized String out() {
            return out.toString(StandardCharsets.UTF_8);
        }

        synchronized String err() {
            return err.toString(StandardCharsets.UTF_8);
        }
    }

    private record Running(CertificateFeed feed, Thread thread) implements AutoCloseable {
        @Override
        public void close() throws InterruptedException {
            feed.stop();
            thread.join(10_000);
            feed.close();
        }
    }
}
