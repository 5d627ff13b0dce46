package vn.kyso.bench;

import static vn.kyso.bench.BenchStats.env;
import static vn.kyso.bench.BenchStats.median;
import static vn.kyso.bench.BenchStats.row;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.DigestInfo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Pre-authorised signing over HTTP (CSC v2 {@code signatures/signHash} with multi-hash SADs) against the raw
 * in-process RSA-2048 sign rate of the provider software custody uses, in the same run. Subscribers are made through
 * the real journey (account, emailed code, step 1, PIN + device credential, certificate); an SP is registered by the
 * operator; every authorisation is approved with PIN + device signature before the timed part starts.
 */
public final class SigningBenchmark {

    // HTTP/1.1 with a connection per client thread, like most integrators' clients (and no h2c upgrade dance).
    static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    static final ObjectMapper JSON = new ObjectMapper();
    static final String PIN = "246813";
    /** Every benchmark subscriber's password (TH v2 sends it with each call). */
    static final String PASSWORD = "Bench-Mat-Khau-1!";
    private static final String SHA256 = "2.16.840.1.101.3.4.2.1";

    private final String accountUrl = env("KYSO_ACCOUNT_URL", "http://127.0.0.1:8081");
    private final String activationUrl = env("KYSO_ACTIVATION_URL", "http://127.0.0.1:8082");
    private final String signingUrl = env("KYSO_SIGNING_URL", "http://127.0.0.1:8084");
    /** A second signing-service on the same databases (./kyso replica), for the scaling figures; empty = none. */
    private final String replicaUrl = env("KYSO_SIGNING_REPLICA_URL", "");
    private final String mailUrl = env("KYSO_MAIL_API", "http://127.0.0.1:8025");
    private final int runs = Integer.parseInt(env("BENCH_RUNS", "5"));
    /** Signatures per throughput run, spread over SADs of each batch size. */
    private final int signaturesPerRun = Integer.parseInt(env("BENCH_SIGNATURES", "5000"));
    private final List<Integer> batchSizes = java.util.Arrays.stream(env("BENCH_HASHES", "20,100").split(","))
            .map(String::strip).map(Integer::parseInt).toList();
    private final int concurrency = Integer.parseInt(env("BENCH_CONCURRENCY", "4"));
    private final int latencySads = Integer.parseInt(env("BENCH_LATENCY_SADS", "300"));
    private final int cores = Runtime.getRuntime().availableProcessors();
    private final SecureRandom random = new SecureRandom();

    record Subscriber(String identifier, String token, KeyPair device, String credentialId) {
    }

    record Authorised(Subscriber subscriber, String sad, List<String> hashes) {
    }

    record Result(double signaturesPerSecond, double callsPerSecond, long p50Ms, long p99Ms) {
    }

    /** A service figure and the raw rate measured right after it, so both see the machine in the same state. */
    record Paired(Result result, double raw) {

        double ratio() {
            return result.signaturesPerSecond() / raw;
        }
    }

    public static void main(String[] args) throws Exception {
        boolean scaling = args.length > 1 && args[1].equals("--scaling");
        BenchStats.writeReport(args, "bench/target/signing.md",
                scaling ? new SigningBenchmark().scaling() : new SigningBenchmark().run());
    }

    private String run() throws Exception {
        rawRsaRate(); // warm-up
        Signers signers = signers();
        List<Subscriber> subscribers = signers.subscribers();
        String cscToken = signers.cscToken();

        // Warm-up (not reported): the JIT compiles the signing path only after a few thousand signatures.
        for (int size : batchSizes) {
            throughput(cscToken, subscribers, size);
        }
        throughputSingle(cscToken, subscribers, latencySads, 0);
        Map<Integer, List<Paired>> full = new java.util.TreeMap<>();
        List<Paired> single = new ArrayList<>();
        List<Result> paced = new ArrayList<>();
        List<Double> raw = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            for (int size : batchSizes) {
                Result result = throughput(cscToken, subscribers, size);
                double rawNow = rawRsaRate();
                raw.add(rawNow);
                full.computeIfAbsent(size, k -> new ArrayList<>()).add(new Paired(result, rawNow));
            }
            Result peak = throughputSingle(cscToken, subscribers, latencySads, 0);
            single.add(new Paired(peak, rawRsaRate()));
            paced.add(throughputSingle(cscToken, subscribers, latencySads, peak.callsPerSecond() / 2));
        }
        return report(raw, full, single, paced);
    }

    /**
     * The same signHash load on one signing-service and then spread over two (calls alternate between them; the SADs
     * live in the shared database, so either may spend one), paired per run.
     */
    private String scaling() throws Exception {
        if (replicaUrl.isBlank()) {
            throw new IllegalStateException("KYSO_SIGNING_REPLICA_URL is not set (bench/run.sh scaling starts one)");
        }
        Signers signers = signers();
        List<Subscriber> subscribers = signers.subscribers();
        String cscToken = signers.cscToken();
        int size = batchSizes.get(batchSizes.size() - 1);
        List<String> one = List.of(signingUrl);
        List<String> two = List.of(signingUrl, replicaUrl);
        int sads = Math.max(concurrency, (signaturesPerRun + size - 1) / size);
        signAll(cscToken, authorise(cscToken, subscribers, sads, size), concurrency, 0, two); // warm both up
        signAll(cscToken, authorise(cscToken, subscribers, latencySads, 1), concurrency, 0, two);
        List<Double> raw = new ArrayList<>();
        Map<String, List<Result>> results = new java.util.LinkedHashMap<>();
        for (int i = 0; i < runs; i++) {
            for (List<String> urls : List.of(one, two)) {
                String key = urls.size() + (urls.size() == 1 ? " replica" : " replicas");
                results.computeIfAbsent(key + ", " + size + " hashes per SAD", k -> new ArrayList<>())
                        .add(signAll(cscToken, authorise(cscToken, subscribers, sads, size), concurrency, 0, urls));
                results.computeIfAbsent(key + ", 1 hash per SAD", k -> new ArrayList<>())
                        .add(signAll(cscToken, authorise(cscToken, subscribers, latencySads, 1), concurrency, 0, urls));
            }
            raw.add(rawRsaRate());
        }
        StringBuilder md = new StringBuilder();
        md.append("Machine: ").append(cores).append(" cores, ").append(System.getProperty("java.vm.name")).append(' ')
                .append(System.getProperty("java.version")).append("; ").append(runs).append(" runs, each measuring "
                        + "one signing-service and then two (`./kyso replica signing-service`, same databases and "
                        + "consumer groups; calls alternate between them) under the same load: ").append(concurrency)
                .append(" clients, ").append(signaturesPerRun).append(" signatures in SADs of ").append(size)
                .append(" hashes, then ").append(latencySads).append(" single-hash SADs. Both replicas, Kafka, "
                        + "PostgreSQL, the other services and the load generator share the machine.\n\n");
        md.append("| measure | min | median | max | ratio to baseline (median) |\n|---|---|---|---|---|\n");
        md.append(row("baseline: raw RSA-2048 signs/s in-process, " + cores + " threads", raw, null));
        for (String load : List.of(size + " hashes per SAD", "1 hash per SAD")) {
            List<Result> single = results.get("1 replica, " + load);
            List<Result> pair = results.get("2 replicas, " + load);
            double base = median(single.stream().map(Result::signaturesPerSecond).toList());
            md.append(row("1 replica, " + load + ": signatures/s", single.stream().map(Result::signaturesPerSecond)
                    .toList(), median(raw)));
            md.append(row("2 replicas, " + load + ": signatures/s (ratio: to 1 replica)", pair.stream()
                    .map(Result::signaturesPerSecond).toList(), base));
            md.append(row("1 replica, " + load + ": call p99 ms", single.stream().map(r -> (double) r.p99Ms())
                    .toList(), null));
            md.append(row("2 replicas, " + load + ": call p99 ms", pair.stream().map(r -> (double) r.p99Ms())
                    .toList(), null));
        }
        return md.toString();
    }

    /** Four subscribers with ACTIVE credentials and an integrator's CSC token, made through the real journey. */
    record Signers(List<Subscriber> subscribers, String cscToken) {
    }

    Signers signers() throws Exception {
        String operator = login(env("KYSO_OPERATOR_USERNAME", "operator"), env("KYSO_OPERATOR_PASSWORD", ""));
        List<Subscriber> subscribers = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            subscribers.add(subscriber(operator));
        }
        JsonNode sp = post(accountUrl + "/api/v1/service-providers", operator, Map.of("name",
                "Benchmark " + UUID.randomUUID(), "webhookUrl", "http://localhost:9/bench"), 201);
        allow(signingUrl, sp.get("spId").asText(), subscribers.stream().map(Subscriber::token).toList());
        String cscToken = cscToken(sp.get("spId").asText(), sp.get("spPassword").asText());
        return new Signers(subscribers, cscToken);
    }

    /** RSA-2048 PKCS#1 v1.5 over a SHA-256 DigestInfo, as custody signs a caller's hash, on every core. */
    static double rawRsaRate() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        byte[] digestInfo = new DigestInfo(new AlgorithmIdentifier(NISTObjectIdentifiers.id_sha256, DERNull.INSTANCE),
                new byte[32]).getEncoded();
        return BenchStats.rawSignRate(generator.generateKeyPair(), "NONEwithRSA", null, digestInfo);
    }

    private Result throughput(String cscToken, List<Subscriber> subscribers, int hashesPerSad) throws Exception {
        int sads = Math.max(concurrency, (signaturesPerRun + hashesPerSad - 1) / hashesPerSad);
        List<Authorised> ready = authorise(cscToken, subscribers, sads, hashesPerSad);
        return signAll(cscToken, ready, concurrency, 0);
    }

    private Result throughputSingle(String cscToken, List<Subscriber> subscribers, int sads, double callsPerSecond)
            throws Exception {
        List<Authorised> ready = authorise(cscToken, subscribers, sads, 1);
        return signAll(cscToken, ready, callsPerSecond > 0 ? 1 : concurrency, callsPerSecond);
    }

    /** Untimed: authorisations approved by their subscribers (PIN + device), each turned into a SAD. */
    private List<Authorised> authorise(String cscToken, List<Subscriber> subscribers, int n, int hashes)
            throws Exception {
        List<Authorised> out = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger next = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<?>> work = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            work.add(pool.submit(() -> {
                for (int i = next.getAndIncrement(); i < n; i = next.getAndIncrement()) {
                    Subscriber s = subscribers.get(i % subscribers.size());
                    List<String> list = new ArrayList<>();
                    for (int h = 0; h < hashes; h++) {
                        byte[] digest = new byte[32];
                        random.nextBytes(digest);
                        list.add(Base64.getEncoder().encodeToString(digest));
                    }
                    String handle = post(signingUrl + "/csc/v2/credentials/authorize", cscToken, Map.of(
                            "credentialID", s.credentialId(), "numSignatures", hashes, "hashes", list,
                            "hashAlgorithmOID", SHA256), 202).get("handle").asText();
                    JsonNode detail = get(signingUrl + "/api/v1/transactions/" + handle, s.token());
                    String challenge = detail.get("challenge").asText();
                    post(signingUrl + "/api/v1/transactions/" + handle + "/confirm", s.token(), Map.of("pin", PIN,
                            "challenge", challenge, "deviceSignature", deviceSign(s.device(), challenge)), 200);
                    String sad = post(signingUrl + "/csc/v2/credentials/authorizeCheck", cscToken, Map.of(
                            "handle", handle), 200).get("SAD")
                            .asText();
                    out.add(new Authorised(s, sad, list));
                }
                return null;
            }));
        }
        for (Future<?> f : work) {
            f.get();
        }
        pool.shutdown();
        return out;
    }

    /** Timed: every SAD spent on one signHash; {@code callsPerSecond} > 0 paces an open-loop arrival rate. */
    private Result signAll(String cscToken, List<Authorised> ready, int clients, double callsPerSecond)
            throws Exception {
        return signAll(cscToken, ready, clients, callsPerSecond, List.of(signingUrl));
    }

    private Result signAll(String cscToken, List<Authorised> ready, int clients, double callsPerSecond,
            List<String> signingUrls) throws Exception {
        List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger next = new AtomicInteger();
        AtomicLong signatures = new AtomicLong();
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        long start = System.nanoTime();
        List<Future<?>> work = new ArrayList<>();
        for (int t = 0; t < clients; t++) {
            work.add(pool.submit(() -> {
                for (int i = next.getAndIncrement(); i < ready.size(); i = next.getAndIncrement()) {
                    if (callsPerSecond > 0) {
                        long due = start + (long) (i * 1e9 / callsPerSecond);
                        long wait = due - System.nanoTime();
                        if (wait > 0) {
                            Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                        }
                    }
                    Authorised a = ready.get(i);
                    long t0 = System.nanoTime();
                    JsonNode signed = post(signingUrls.get(i % signingUrls.size()) + "/csc/v2/signatures/signHash",
                            cscToken, Map.of(
                            "credentialID", a.subscriber().credentialId(), "SAD", a.sad(), "hashes", a.hashes(),
                            "hashAlgorithmOID", SHA256, "signAlgo", "1.2.840.113549.1.1.1"), 200);
                    latencies.add((System.nanoTime() - t0) / 1_000_000);
                    if (signed.get("signatures").size() != a.hashes().size()) {
                        throw new IllegalStateException("signHash returned " + signed.get("signatures").size()
                                + " signatures for " + a.hashes().size() + " hashes");
                    }
                    signatures.addAndGet(a.hashes().size());
                }
                return null;
            }));
        }
        for (Future<?> f : work) {
            f.get();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        System.err.printf("timed %d calls from %d for %.3f s%n", ready.size(),
                System.currentTimeMillis() - (long) (seconds * 1000), seconds);
        pool.shutdown();
        return new Result(signatures.get() / seconds, ready.size() / seconds, BenchStats.percentile(latencies, 0.5),
                BenchStats.percentile(latencies, 0.99));
    }

    /** The real journey up to an ACTIVE credential: account, emailed code, step 1, PIN + device, certificate. */
    Subscriber subscriber(String operator) throws Exception {
        String id = String.format("%012d", Math.floorMod(UUID.randomUUID().getMostSignificantBits(), 1_000_000_000_000L));
        String email = "bench-sign-" + id + "@example.vn";
        post(accountUrl + "/api/v1/accounts", operator, Map.of("idType", "CCCD", "idNumber", id, "fullName",
                "Người Ký Thử", "email", email, "phone", "0912345678", "province", "Hà Nội", "locality", "Cầu Giấy"),
                201);
        String code = null;
        long deadline = System.currentTimeMillis() + 30_000;
        while (code == null && System.currentTimeMillis() < deadline) {
            String mail = HTTP.send(HttpRequest.newBuilder(URI.create(mailUrl + "/api/user/"
                    + URLEncoder.encode(email, StandardCharsets.UTF_8) + "/messages/INBOX")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            var m = java.util.regex.Pattern.compile("Activation code: ([0-9]{6})").matcher(mail);
            code = m.find() ? m.group(1) : null;
            if (code == null) {
                Thread.sleep(100);
            }
        }
        if (code == null) {
            throw new IllegalStateException("no activation mail for " + email);
        }
        String password = PASSWORD;
        String token = post(activationUrl + "/api/v1/activation/verify", null, Map.of("identifier", id,
                "activationCode", code, "password", password, "confirmPassword", password, "acceptTerms", true), 200)
                .get("access_token").asText();
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair device = generator.generateKeyPair();
        post(signingUrl + "/api/v1/credentials", token, Map.of("pin", PIN, "confirmPin", PIN, "deviceName",
                "bench", "devicePublicKey", Base64.getEncoder().encodeToString(device.getPublic().getEncoded())), 202);
        deadline = System.currentTimeMillis() + 30_000;
        while (System.currentTimeMillis() < deadline) {
            for (JsonNode c : get(signingUrl + "/api/v1/credentials", token)) {
                if ("ACTIVE".equals(c.path("status").asText())) {
                    return new Subscriber(id, token, device, c.get("id").asText());
                }
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("the credential of " + id + " never became ACTIVE");
    }

    private String cscToken(String spId, String secret) throws Exception {
        String form = "grant_type=client_credentials&client_id=" + URLEncoder.encode(spId, StandardCharsets.UTF_8)
                + "&client_secret=" + URLEncoder.encode(secret, StandardCharsets.UTF_8);
        long deadline = System.currentTimeMillis() + 30_000;
        while (true) {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(signingUrl
                    + "/csc/v2/oauth2/token")).header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() == 200) {
                return JSON.readTree(response.body()).get("access_token").asText();
            }
            if (System.currentTimeMillis() > deadline) {
                throw new IllegalStateException("signing-service never learnt the SP: " + response.body());
            }
            Thread.sleep(100);
        }
    }

    String login(String username, String password) throws Exception {
        return post(accountUrl + "/api/v1/auth/token", null, Map.of("username", username, "password", password), 200)
                .get("access_token").asText();
    }

    static String deviceSign(KeyPair device, String challenge) throws Exception {
        Signature signature = Signature.getInstance("SHA256withECDSA");
        signature.initSign(device.getPrivate());
        signature.update(challenge.getBytes(StandardCharsets.US_ASCII));
        return Base64.getEncoder().encodeToString(signature.sign());
    }

    /**
     * Untimed: each subscriber allows the integrator (issue 21 §4: only then may it look them up, name their
     * credentials or sign with TH v2), once signing-service knows it — it learns integrators from events (404 before).
     */
    static void allow(String signingUrl, String spId, List<String> tokens) throws Exception {
        for (String token : tokens) {
            long deadline = System.nanoTime() + java.time.Duration.ofSeconds(60).toNanos();
            while (true) {
                HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(URI.create(signingUrl
                        + "/api/v1/integrators/" + spId + "/consent")).header("Content-Type", "application/json")
                        .header("Authorization", "Bearer " + token)
                        .PUT(HttpRequest.BodyPublishers.ofString("{\"decision\":\"ALLOWED\"}")).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (answer.statusCode() == 200) {
                    break;
                }
                if (answer.statusCode() != 404 || System.nanoTime() > deadline) {
                    throw new IllegalStateException("allowing the integrator answered " + answer.statusCode() + ": "
                            + answer.body());
                }
                Thread.sleep(100);
            }
        }
    }

    static JsonNode post(String url, String token, Object body, int expected) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).header("Content-Type",
                "application/json").POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (expected >= 0 && response.statusCode() != expected) {
            throw new IllegalStateException(url + " answered " + response.statusCode() + ": " + response.body());
        }
        return response.body().isBlank() ? JSON.createObjectNode() : JSON.readTree(response.body());
    }

    static JsonNode get(String url, String token) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization",
                "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException(url + " answered " + response.statusCode() + ": " + response.body());
        }
        return JSON.readTree(response.body());
    }

    private String report(List<Double> raw, Map<Integer, List<Paired>> full, List<Paired> single,
            List<Result> paced) {
        StringBuilder md = new StringBuilder();
        md.append("Machine: ").append(cores).append(" cores, ").append(System.getProperty("java.vm.name")).append(' ')
                .append(System.getProperty("java.version")).append("; ").append(runs).append(" runs; subscriber keys "
                        + "RSA-2048 in software custody (JDK SunRsaSign); ").append(signaturesPerRun)
                .append(" signatures per throughput run in SADs of ").append(batchSizes).append(" hashes, ")
                .append(concurrency).append(" concurrent clients; ").append(latencySads).append(" single-hash SADs per latency run. "
                        + "Approvals (PIN + device) happen before the timed part. The load generator shares the "
                        + "machine with the stack.\n\n");
        md.append("| measure | min | median | max | ratio to baseline (median) |\n|---|---|---|---|---|\n");
        md.append(row("baseline: raw RSA-2048 signs/s in-process (NONEwithRSA over the SHA-256 DigestInfo), " + cores
                + " threads, measured right after each service figure", raw, null));
        full.forEach((size, results) -> {
            md.append(pairedRow("signHash, " + size + " hashes per SAD: signatures/s over HTTP", results));
            md.append(row("signHash, " + size + " hashes per SAD: call latency p50 ms",
                    results.stream().map(r -> (double) r.result().p50Ms()).toList(), null));
            md.append(row("signHash, " + size + " hashes per SAD: call latency p99 ms",
                    results.stream().map(r -> (double) r.result().p99Ms()).toList(), null));
        });
        md.append(pairedRow("signHash, 1 hash per SAD: signatures/s at peak (" + concurrency + " clients)", single));
        md.append(row("signHash, 1 hash per SAD, paced at half of that peak: p50 ms",
                paced.stream().map(r -> (double) r.p50Ms()).toList(), null));
        md.append(row("signHash, 1 hash per SAD, paced at half of that peak: p99 ms",
                paced.stream().map(r -> (double) r.p99Ms()).toList(), null));
        md.append("\nEach signHash call checks the SP's token and the SAD (HS256), locks the transaction, opens the key "
                + "in custody (AES-GCM unwrap of the sealed binding and of the key), signs every authorised hash, "
                + "writes the signatures, the audit row and the SignatureCompleted outbox row in one database "
                + "transaction, and answers. The ratio column is the median of each run's figure divided by the raw "
                + "rate measured right after it (min–max in brackets): this machine's speed drifts by up to ±20 % "
                + "between minutes, which unpaired medians would mix into the ratio.\n");
        return md.toString();
    }

    private static String pairedRow(String name, List<Paired> pairs) {
        List<Double> ratios = pairs.stream().map(Paired::ratio).sorted().toList();
        String line = row(name, pairs.stream().map(p -> p.result().signaturesPerSecond()).toList(), null);
        return line.substring(0, line.length() - "– |\n".length()) + String.format("%.2f (%.2f–%.2f) |%n",
                median(ratios), ratios.get(0), ratios.get(ratios.size() - 1));
    }




}
