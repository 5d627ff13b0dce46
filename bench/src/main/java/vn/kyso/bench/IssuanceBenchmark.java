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
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;

import vn.kyso.events.Topics;

/**
 * Certificate issuance throughput of the running ca-service: CSR in over HTTP → certificate persisted → CertificateIssued
 * on Kafka, for EC P-256 and RSA-2048 subject keys, against the raw in-process sign rate of the JDK provider the
 * software custody uses (measured in the same run, same thread count as the machine's cores).
 */
public final class IssuanceBenchmark {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final String accountUrl = env("KYSO_ACCOUNT_URL", "http://127.0.0.1:8081");
    private final String caUrl = env("KYSO_CA_URL", "http://127.0.0.1:8083");
    private final String kafka = env("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:9092");
    private final int count = Integer.parseInt(env("BENCH_COUNT", "2000"));
    private final int runs = Integer.parseInt(env("BENCH_RUNS", "3"));
    private final int concurrency = Integer.parseInt(env("BENCH_CONCURRENCY", "16"));
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
        List<String> ecCsrs = csrs(accounts, "EC", 64);
        List<String> rsaCsrs = csrs(accounts, "RSA", 16);
        Set<String> ours = ConcurrentHashMap.newKeySet();
        accounts.forEach(a -> ours.add(a.toString()));

        issue(token, ecCsrs, Math.min(count, 300), ours); // warm-up: JIT, connection pools
        List<Result> ec = new ArrayList<>();
        List<Result> rsa = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            ec.add(issue(token, ecCsrs, count, ours));
            rsa.add(issue(token, rsaCsrs, count, ours));
        }
        return report(rawEc, rawSunEc, rawRsa, ec, rsa);
    }

    /** Sign rate of {@code cores} threads signing a certificate-sized message; provider null = the JDK's. */
    static double rawSignRate(String algorithm, String signatureAlgorithm, java.security.Provider provider)
            throws Exception {
        return BenchStats.rawSignRate(keyPair(algorithm), signatureAlgorithm, provider, new byte[700]);
    }

    private record Result(double httpRate, double eventRate, long p50Ms, long p99Ms) {
    }

    private Result issue(String token, List<String> csrs, int n, Set<String> ours) throws Exception {
        try (KafkaConsumer<String, String> consumer = consumer()) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.CERTIFICATE_EVENTS).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToEnd(partitions);
            partitions.forEach(consumer::position);

            AtomicInteger next = new AtomicInteger();
            List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
            ExecutorService pool = Executors.newFixedThreadPool(concurrency);
            long start = System.currentTimeMillis();
            List<Future<?>> work = new ArrayList<>();
            for (int t = 0; t < concurrency; t++) {
                work.add(pool.submit(() -> {
                    for (int i = next.getAndIncrement(); i < n; i = next.getAndIncrement()) {
                        long t0 = System.nanoTime();
                        HttpResponse<String> response = post(caUrl + "/api/v1/certificates", token,
                                csrs.get(i % csrs.size()));
                        if (response.statusCode() != 201) {
                            throw new IllegalStateException("issuance answered " + response.statusCode() + ": "
                                    + response.body());
                        }
                        latencies.add((System.nanoTime() - t0) / 1_000_000);
                    }
                    return null;
                }));
            }
            for (Future<?> f : work) {
                f.get();
            }
            long httpEnd = System.currentTimeMillis();
            pool.shutdown();

            int events = 0;
            long lastEvent = 0;
            long deadline = System.currentTimeMillis() + 60_000;
            while (events < n && System.currentTimeMillis() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    if (ours.stream().anyMatch(record.value()::contains)) {
                        events++;
                        lastEvent = Math.max(lastEvent, record.timestamp());
                    }
                }
            }
            if (events < n) {
                throw new IllegalStateException("only " + events + " of " + n + " CertificateIssued events arrived");
            }
            List<Long> sorted = new ArrayList<>(latencies);
            Collections.sort(sorted);
            return new Result(n / ((httpEnd - start) / 1000.0), n / ((lastEvent - start) / 1000.0),
                    sorted.get(sorted.size() / 2), sorted.get((int) Math.ceil(sorted.size() * 0.99) - 1));
        }
    }

    private String report(List<Double> rawEc, List<Double> rawSunEc, List<Double> rawRsa, List<Result> ec,
            List<Result> rsa) {
        double rawEcMedian = median(rawEc);
        StringBuilder md = new StringBuilder();
        md.append("Machine: ").append(cores).append(" cores, ").append(System.getProperty("java.vm.name")).append(' ')
                .append(System.getProperty("java.version")).append("; ").append(runs).append(" runs of ").append(count)
                .append(" certificates, ").append(concurrency).append(" concurrent HTTP clients; issuing CA key EC P-256 "
                        + "(software custody; EC signs with BouncyCastle, RSA with the JDK). The load generator shares the machine with the stack.\n\n");
        md.append("| measure | min | median | max | ratio to baseline (median) |\n|---|---|---|---|---|\n");
        md.append(row("baseline: raw EC P-256 signs/s, BouncyCastle (custody's EC provider), " + cores + " threads",
                rawEc, null));
        md.append(row("reference: raw EC P-256 signs/s, JDK SunEC, " + cores + " threads", rawSunEc, null));
        md.append(row("baseline: raw RSA-2048 signs/s, JDK SunRsaSign, " + cores + " threads", rawRsa, null));
        md.append(row("EC P-256 subject keys: certificates/s, CSR in → 201 (persisted + outbox row)",
                ec.stream().map(Result::httpRate).toList(), rawEcMedian));
        md.append(row("EC P-256 subject keys: certificates/s, CSR in → CertificateIssued on Kafka",
                ec.stream().map(Result::eventRate).toList(), rawEcMedian));
        md.append(row("RSA-2048 subject keys: certificates/s, CSR in → CertificateIssued on Kafka",
                rsa.stream().map(Result::eventRate).toList(), rawEcMedian));
        md.append(row("EC P-256: request latency p50 ms", ec.stream().map(r -> (double) r.p50Ms()).toList(), null));
        md.append(row("EC P-256: request latency p99 ms", ec.stream().map(r -> (double) r.p99Ms()).toList(), null));
        md.append(row("RSA-2048: request latency p99 ms", rsa.stream().map(r -> (double) r.p99Ms()).toList(), null));
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

    /** Accounts created through account-service, waited for until ca-service's read model has them. */
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
        for (UUID id : ids) {
            String csr = csrs(List.of(id), "EC", 1).get(0);
            long deadline = System.currentTimeMillis() + 30_000;
            while (post(caUrl + "/api/v1/certificates", token, csr).statusCode() != 201) {
                if (System.currentTimeMillis() > deadline) {
                    throw new IllegalStateException("ca-service never learnt account " + id);
                }
                Thread.sleep(100);
            }
        }
        return ids;
    }

    /** JSON bodies, each a CSR for one of the accounts (round robin). */
    private static List<String> csrs(List<UUID> accounts, String algorithm, int n) throws Exception {
        List<String> bodies = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            UUID account = accounts.get(i % accounts.size());
            KeyPair pair = keyPair(algorithm);
            byte[] csr = new JcaPKCS10CertificationRequestBuilder(new X500Name("CN=" + account), pair.getPublic())
                    .build(new JcaContentSignerBuilder(algorithm.equals("EC") ? "SHA256withECDSA" : "SHA256withRSA")
                            .build(pair.getPrivate())).getEncoded();
            bodies.add("{\"accountId\":\"" + account + "\",\"csr\":\"" + Base64.getEncoder().encodeToString(csr)
                    + "\"}");
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

    private static HttpResponse<String> post(String url, String token, String json) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private KafkaConsumer<String, String> consumer() {
        return new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false"));
    }

}
