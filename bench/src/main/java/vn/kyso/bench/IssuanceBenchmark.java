package vn.kyso.bench;

import static vn.kyso.bench.BenchStats.env;
import static vn.kyso.bench.BenchStats.median;
import static vn.kyso.bench.BenchStats.row;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;

import vn.kyso.events.EventCodec;
import vn.kyso.events.EventTypes;
import vn.kyso.events.Topics;
import vn.kyso.events.credential.KeyPairActivated;

/**
 * Certificate issuance throughput of the running ca-service on its one issuing path — a key pair announced by
 * signing-service ({@code KeyPairActivated}, CSR inside) → certificate persisted → CertificateIssued on Kafka — for EC
 * P-256 and RSA-2048 subject keys, against the raw in-process sign rate measured in the same run.
 */
public final class IssuanceBenchmark {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final String accountUrl = env("KYSO_ACCOUNT_URL", "http://127.0.0.1:8081");
    private final String kafka = env("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:9092");
    private final int count = Integer.parseInt(env("BENCH_COUNT", "2000"));
    private final int runs = Integer.parseInt(env("BENCH_RUNS", "3"));
    private final int cores = Runtime.getRuntime().availableProcessors();

    public static void main(String[] args) throws Exception {
        BenchStats.writeReport(args, "bench/target/issuance.md", new IssuanceBenchmark().run());
    }

    private String run() throws Exception {
        List<Double> rawEc = new ArrayList<>();
        List<Double> rawSunEc = new ArrayList<>();
        List<Double> rawRsa = new ArrayList<>();
        java.security.Provider bc = new org.bouncycastle.jce.provider.BouncyCastleProvider();
        rawSignRate("EC", "SHA256withECDSA", bc); // warm-up: the JIT, not the figure
        rawSignRate("EC", "SHA256withECDSA", null);
        rawSignRate("RSA", "SHA256withRSA", null);
        for (int i = 0; i < runs; i++) {
            rawEc.add(rawSignRate("EC", "SHA256withECDSA", bc));
            rawSunEc.add(rawSignRate("EC", "SHA256withECDSA", null));
            rawRsa.add(rawSignRate("RSA", "SHA256withRSA", null));
        }
        String token = operatorToken();
        List<UUID> accounts = accounts(token, 16);
        List<Csr> ecCsrs = csrs(accounts, "EC", 64);
        List<Csr> rsaCsrs = csrs(accounts, "RSA", 16);

        issue(ecCsrs, Math.min(count, 300)); // warm-up: JIT, connection pools, the accounts reaching ca-service
        List<Result> ec = new ArrayList<>();
        List<Result> rsa = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            ec.add(issue(ecCsrs, count));
            rsa.add(issue(rsaCsrs, count));
        }
        return report(rawEc, rawSunEc, rawRsa, ec, rsa);
    }

    /** Sign rate of {@code cores} threads signing a certificate-sized message; provider null = the JDK's. */
    static double rawSignRate(String algorithm, String signatureAlgorithm, java.security.Provider provider)
            throws Exception {
        return BenchStats.rawSignRate(keyPair(algorithm), signatureAlgorithm, provider, new byte[700]);
    }

    private record Result(double eventRate, long p50Ms, long p99Ms) {
    }

    /** A CSR for one of the benchmark's accounts, as signing-service would announce it. */
    private record Csr(UUID account, String algorithm, String der) {
    }

    private static final java.util.regex.Pattern CREDENTIAL =
            java.util.regex.Pattern.compile("\"credentialId\":\"([0-9a-f-]{36})\"");

    /**
     * Announces {@code n} key pairs as signing-service does ({@code KeyPairActivated}, a fresh credential each; ca-service
     * certifies only keys announced this way) and waits for each {@code CertificateIssued}.
     */
    private Result issue(List<Csr> csrs, int n) throws Exception {
        try (KafkaConsumer<String, String> consumer = consumer();
                KafkaProducer<String, String> producer = producer()) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.CERTIFICATE_EVENTS).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToEnd(partitions);
            partitions.forEach(consumer::position);

            Map<String, Long> sentAt = new ConcurrentHashMap<>();
            long start = System.currentTimeMillis();
            for (int i = 0; i < n; i++) {
                Csr csr = csrs.get(i % csrs.size());
                UUID credential = UUID.randomUUID();
                String key = credential.toString();
                String body = EventCodec.toJson(new KeyPairActivated(csr.account(), credential, csr.algorithm(),
                        csr.der(), Instant.now()));
                ProducerRecord<String, String> record = new ProducerRecord<>(Topics.CREDENTIAL_EVENTS, key, body);
                record.headers().add("ce_id", UUID.randomUUID().toString().getBytes(StandardCharsets.UTF_8))
                        .add("ce_type", EventTypes.KEY_PAIR_ACTIVATED.type().getBytes(StandardCharsets.UTF_8))
                        .add("ce_specversion", "1.0".getBytes(StandardCharsets.UTF_8))
                        .add("ce_source", "/kyso/bench".getBytes(StandardCharsets.UTF_8))
                        .add("ce_subject", key.getBytes(StandardCharsets.UTF_8))
                        .add("content-type", "application/json".getBytes(StandardCharsets.UTF_8));
                sentAt.put(key, System.currentTimeMillis());
                producer.send(record);
            }
            producer.flush();

            List<Long> latencies = new ArrayList<>();
            long lastEvent = 0;
            long deadline = System.currentTimeMillis() + 120_000;
            while (latencies.size() < n && System.currentTimeMillis() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    Matcher credential = CREDENTIAL.matcher(record.value());
                    Long sent = credential.find() ? sentAt.remove(credential.group(1)) : null;
                    if (sent != null) {
                        latencies.add(record.timestamp() - sent);
                        lastEvent = Math.max(lastEvent, record.timestamp());
                    }
                }
            }
            if (latencies.size() < n) {
                throw new IllegalStateException("only " + latencies.size() + " of " + n
                        + " CertificateIssued events arrived");
            }
            Collections.sort(latencies);
            return new Result(n / ((lastEvent - start) / 1000.0), latencies.get(latencies.size() / 2),
                    latencies.get((int) Math.ceil(latencies.size() * 0.99) - 1));
        }
    }

    private String report(List<Double> rawEc, List<Double> rawSunEc, List<Double> rawRsa, List<Result> ec,
            List<Result> rsa) {
        double rawEcMedian = median(rawEc);
        StringBuilder md = new StringBuilder();
        md.append("Machine: ").append(cores).append(" cores, ").append(System.getProperty("java.vm.name")).append(' ')
                .append(System.getProperty("java.version")).append("; ").append(runs).append(" runs of ").append(count)
                .append(" certificates announced as KeyPairActivated events at once (ca-service certifies only keys in "
                        + "custody); issuing CA key EC P-256 "
                        + "(software custody; EC signs with BouncyCastle, RSA with the JDK). The load generator shares the machine with the stack.\n\n");
        md.append("| measure | min | median | max | ratio to baseline (median) |\n|---|---|---|---|---|\n");
        md.append(row("baseline: raw EC P-256 signs/s, BouncyCastle (custody's EC provider), " + cores + " threads",
                rawEc, null));
        md.append(row("reference: raw EC P-256 signs/s, JDK SunEC, " + cores + " threads", rawSunEc, null));
        md.append(row("baseline: raw RSA-2048 signs/s, JDK SunRsaSign, " + cores + " threads", rawRsa, null));
        md.append(row("EC P-256 subject keys: certificates/s, CSR in → CertificateIssued on Kafka",
                ec.stream().map(Result::eventRate).toList(), rawEcMedian));
        md.append(row("RSA-2048 subject keys: certificates/s, CSR in → CertificateIssued on Kafka",
                rsa.stream().map(Result::eventRate).toList(), rawEcMedian));
        md.append(row("EC P-256: KeyPairActivated → CertificateIssued p50 ms (a burst)",
                ec.stream().map(r -> (double) r.p50Ms()).toList(), null));
        md.append(row("EC P-256: KeyPairActivated → CertificateIssued p99 ms (a burst)",
                ec.stream().map(r -> (double) r.p99Ms()).toList(), null));
        md.append(row("RSA-2048: KeyPairActivated → CertificateIssued p99 ms (a burst)",
                rsa.stream().map(r -> (double) r.p99Ms()).toList(), null));
        md.append("\nRatios divide by the raw BouncyCastle EC P-256 sign rate: every certificate is signed by the EC P-256 "
                + "issuing CA whatever the subject key, and each issuance also verifies two ECDSA signatures (the CSR's "
                + "proof of possession and the signed certificate), so 0.33 would be the crypto-only ceiling for EC "
                + "subject keys. The RSA-2048 baseline shows what an RSA issuing CA would cost.\n");
        return md.toString();
    }




    private String operatorToken() throws Exception {
        String body = "{\"username\":\"" + env("KYSO_OPERATOR_USERNAME", "operator") + "\",\"password\":\""
                + env("KYSO_OPERATOR_PASSWORD", "") + "\"}";
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(accountUrl + "/api/v1/auth/token"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("operator login failed: " + response.statusCode());
        }
        return response.body().replaceAll(".*\"access_token\":\"([^\"]+)\".*", "$1");
    }

    /** Accounts created through account-service (ca-service retries a key pair whose account it has not seen yet). */
    private List<UUID> accounts(String token, int n) throws Exception {
        List<UUID> ids = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String idNumber = String.format("%012d", Math.floorMod(UUID.randomUUID().getMostSignificantBits(),
                    1_000_000_000_000L));
            String body = "{\"idType\":\"CCCD\",\"idNumber\":\"" + idNumber + "\",\"fullName\":\"Người Đo Hiệu Năng "
                    + (char) ('A' + i) + "\",\"email\":\"bench-" + idNumber + "@example.vn\",\"phone\":\"0912345678\","
                    + "\"province\":\"Hà Nội\",\"locality\":\"Cầu Giấy\"}";
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(accountUrl + "/api/v1/accounts"))
                    .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 201) {
                throw new IllegalStateException("account creation failed: " + response.statusCode() + " "
                        + response.body());
            }
            ids.add(UUID.fromString(response.body().replaceAll(".*\"accountId\":\"([^\"]+)\".*", "$1")));
        }
        return ids;
    }

    /** CSRs for the accounts (round robin), as signing-service makes them: subject CN=<accountId>. */
    private static List<Csr> csrs(List<UUID> accounts, String algorithm, int n) throws Exception {
        List<Csr> bodies = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            UUID account = accounts.get(i % accounts.size());
            KeyPair pair = keyPair(algorithm);
            byte[] csr = new JcaPKCS10CertificationRequestBuilder(new X500Name("CN=" + account), pair.getPublic())
                    .build(new JcaContentSignerBuilder(algorithm.equals("EC") ? "SHA256withECDSA" : "SHA256withRSA")
                            .build(pair.getPrivate())).getEncoded();
            bodies.add(new Csr(account, algorithm.equals("EC") ? "EC-P256" : "RSA-2048",
                    Base64.getEncoder().encodeToString(csr)));
        }
        return bodies;
    }

    private static KeyPair keyPair(String algorithm) throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance(algorithm);
        if (algorithm.equals("EC")) {
            generator.initialize(new ECGenParameterSpec("secp256r1"));
        } else {
            generator.initialize(2048);
        }
        return generator.generateKeyPair();
    }

    private KafkaProducer<String, String> producer() {
        return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
                ProducerConfig.LINGER_MS_CONFIG, "5"));
    }

    private KafkaConsumer<String, String> consumer() {
        return new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false"));
    }

}
