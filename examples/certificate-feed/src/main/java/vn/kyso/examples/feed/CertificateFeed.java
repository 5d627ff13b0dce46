package vn.kyso.examples.feed;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import javax.security.auth.x500.X500Principal;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;

import vn.kyso.events.CloudEventConventions;
import vn.kyso.events.EventCodec;
import vn.kyso.events.EventTypes;
import vn.kyso.events.MalformedEventException;
import vn.kyso.events.Topics;
import vn.kyso.events.certificate.CertificateIssued;
import vn.kyso.events.certificate.CertificateRevoked;

/** Prints every certificate Kyso issues or revokes, as another team's service would consume them. */
public final class CertificateFeed implements AutoCloseable {

    /** A real consumer keeps processed ids with its own effect; an in-memory window is enough for printing. */
    private static final int REMEMBERED_IDS = 100_000;

    private final KafkaConsumer<String, String> consumer;
    private final PrintStream out;
    private final PrintStream err;
    private final Map<String, Boolean> seen = new LinkedHashMap<>(1024, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > REMEMBERED_IDS;
        }
    };
    private volatile boolean running = true;

    public CertificateFeed(Properties client, PrintStream out, PrintStream err) {
        Properties props = new Properties();
        props.putAll(client);
        props.putIfAbsent(ConsumerConfig.GROUP_ID_CONFIG, "certificate-feed");
        // The first run of a group reads the whole history; the topic is kept forever.
        props.putIfAbsent(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        this.consumer = new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer());
        this.out = out;
        this.err = err;
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 1) {
            System.err.println("usage: certificate-feed <bootstrap servers> [consumer group]");
            System.exit(2);
        }
        Properties client = new Properties();
        String extra = System.getenv("KYSO_FEED_CLIENT_PROPERTIES");
        if (extra != null && !extra.isBlank()) {
            try (InputStream in = Files.newInputStream(Path.of(extra))) {
                client.load(in);
            }
        }
        client.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, args[0]);
        if (args.length > 1) {
            client.put(ConsumerConfig.GROUP_ID_CONFIG, args[1]);
        }
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        try (CertificateFeed feed = new CertificateFeed(client, out, System.err)) {
            Runtime.getRuntime().addShutdownHook(new Thread(feed::stop));
            feed.run();
        }
    }

    /** Polls until {@link #stop()}; offsets are committed only after a batch is printed (at least once). */
    public void run() {
        consumer.subscribe(List.of(Topics.CERTIFICATE_EVENTS));
        try {
            while (running) {
                var records = consumer.poll(Duration.ofMillis(500));
                for (ConsumerRecord<String, String> record : records) {
                    handle(record);
                }
                if (!records.isEmpty()) {
                    consumer.commitSync();
                }
            }
        } catch (WakeupException stopping) {
            // stop() was called
        }
    }

    public void stop() {
        running = false;
        consumer.wakeup();
    }

    @Override
    public void close() {
        consumer.close(Duration.ofSeconds(5));
    }

    void handle(ConsumerRecord<String, String> record) {
        String id = header(record, CloudEventConventions.HEADER_ID);
        String type = header(record, CloudEventConventions.HEADER_TYPE);
        if (id == null || type == null) {
            err.printf("UNREADABLE %s-%d@%d: not a CloudEvent%n", record.topic(), record.partition(), record.offset());
            return;
        }
        if (seen.putIfAbsent(id, Boolean.TRUE) != null) {
            return; // delivered again: already printed
        }
        try {
            if (EventTypes.CERTIFICATE_ISSUED.type().equals(type)) {
                CertificateIssued issued = EventCodec.fromJson(record.value(), CertificateIssued.class);
                out.printf("ISSUED  serial=%s account=%s subject=\"%s\" notAfter=%s%n", issued.serialNumber(),
                        issued.accountId(), subject(issued.certificate()), issued.notAfter());
            } else if (EventTypes.CERTIFICATE_REVOKED.type().equals(type)) {
                CertificateRevoked revoked = EventCodec.fromJson(record.value(), CertificateRevoked.class);
                out.printf("REVOKED serial=%s account=%s reason=%s at=%s%n", revoked.serialNumber(),
                        revoked.accountId(), revoked.reason(), revoked.revokedAt());
            }
            // Other types (refused requests, types added later) are not this feed's business.
        } catch (MalformedEventException | CertificateException | IllegalArgumentException e) {
            err.printf("UNREADABLE %s-%d@%d (%s): %s%n", record.topic(), record.partition(), record.offset(), type,
                    e.getMessage());
        }
    }

    private static String subject(String base64Der) throws CertificateException {
        var certificate = (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(Base64.getDecoder().decode(base64Der)));
        return certificate.getSubjectX500Principal().getName(X500Principal.RFC2253);
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
