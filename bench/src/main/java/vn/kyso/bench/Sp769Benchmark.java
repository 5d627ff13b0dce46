package vn.kyso.bench;

import static vn.kyso.bench.BenchStats.env;
import static vn.kyso.bench.BenchStats.median;
import static vn.kyso.bench.BenchStats.percentile;
import static vn.kyso.bench.BenchStats.row;
import static vn.kyso.bench.SigningBenchmark.deviceSign;
import static vn.kyso.bench.SigningBenchmark.get;
import static vn.kyso.bench.SigningBenchmark.post;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import javax.crypto.spec.SecretKeySpec;

import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

import com.eatthepath.otp.TimeBasedOneTimePasswordGenerator;
import com.fasterxml.jackson.databind.JsonNode;

import vn.kyso.bench.SigningBenchmark.Subscriber;

/**
 * The SmartCA integrator API end to end over HTTP: SP769 v1 (sign → the subscriber approves with PIN + device → status
 * until SIGNED) and TH v2 (password + TOTP → SAD → confirm with password → signatures), against the crypto they cannot
 * avoid (Argon2id checks, RSA-2048 signatures) measured in-process in the same run.
 */
public final class Sp769Benchmark {

    private static final String BASE = "/sca/sp769";

    private final String accountUrl = env("KYSO_ACCOUNT_URL", "http://127.0.0.1:8081");
    private final String signingUrl = env("KYSO_SIGNING_URL", "http://127.0.0.1:8084");
    private final int runs = Integer.parseInt(env("BENCH_RUNS", "3"));
    private final List<Integer> fileCounts = java.util.Arrays.stream(env("BENCH_FILES", "1,10").split(","))
            .map(String::strip).map(Integer::parseInt).toList();
    private final int transactions = Integer.parseInt(env("BENCH_TRANSACTIONS", "60"));
    private final int concurrency = Integer.parseInt(env("BENCH_CONCURRENCY", "4"));
    private final int delegates = Integer.parseInt(env("BENCH_DELEGATES", "8"));
    private final int cores = Runtime.getRuntime().availableProcessors();
    private final SecureRandom random = new SecureRandom();
    private final SigningBenchmark journey = new SigningBenchmark();

    record Sp(String id, String password) {
    }

    /** One run's figures; latencies in ms. */
    record Run(double perSecond, double signaturesPerSecond, Map<String, List<Long>> phases) {
    }

    public static void main(String[] args) throws Exception {
        BenchStats.writeReport(args, "bench/target/sp769.md", new Sp769Benchmark().run());
    }

    private String run() throws Exception {
        String operator = journey.login(env("KYSO_OPERATOR_USERNAME", "operator"), env("KYSO_OPERATOR_PASSWORD", ""));
        JsonNode registered = post(accountUrl + "/api/v1/service-providers", operator, Map.of("name",
                "Benchmark SP769 " + UUID.randomUUID(), "webhookUrl", "http://localhost:9/bench"), 201);
        Sp sp = new Sp(registered.get("spId").asText(), registered.get("spPassword").asText());
        List<Subscriber> approvers = new ArrayList<>();
        for (int i = 0; i < concurrency; i++) {
            approvers.add(journey.subscriber(operator));
        }
        awaitKnown(sp, approvers.get(0));
        Map<Subscriber, byte[]> delegating = new LinkedHashMap<>();
        for (int i = 0; i < delegates; i++) {
            Subscriber s = journey.subscriber(operator);
            delegating.put(s, enableTotp(s));
        }
        SigningBenchmark.allow(signingUrl, sp.id(), delegating.keySet().stream().map(Subscriber::token).toList());

        v1(sp, approvers, fileCounts.get(0), Math.max(concurrency, transactions / 4), concurrency); // warm-up
        double argon2Ms = argon2Ms();
        double rsaMs = cores * 1000 / SigningBenchmark.rawRsaRate();
        List<Double> argon2 = new ArrayList<>();
        List<Double> rsa = new ArrayList<>();
        Map<Integer, List<Run>> v1Alone = new TreeMap<>();
        Map<Integer, List<Run>> v1Loaded = new TreeMap<>();
        Map<Integer, List<Run>> v2 = new TreeMap<>();
        for (int r = 0; r < runs; r++) {
            for (int files : fileCounts) {
                v1Alone.computeIfAbsent(files, k -> new ArrayList<>()).add(v1(sp, approvers, files,
                        Math.max(10, transactions / 3), 1));
                v1Loaded.computeIfAbsent(files, k -> new ArrayList<>()).add(v1(sp, approvers, files, transactions,
                        concurrency));
                v2.computeIfAbsent(files, k -> new ArrayList<>()).add(v2(sp, delegating, files));
                argon2.add(argon2Ms());
                rsa.add(cores * 1000 / SigningBenchmark.rawRsaRate());
            }
        }
        argon2Ms = median(argon2);
        rsaMs = median(rsa);
        return report(argon2, rsa, argon2Ms, rsaMs, v1Alone, v1Loaded, v2);
    }

    /** SP769 v1: {@code clients} integrators each signing, having the subscriber approve, and polling the status. */
    private Run v1(Sp sp, List<Subscriber> approvers, int files, int count, int clients) throws Exception {
        Map<String, List<Long>> phases = phases("sign", "approve", "status", "round trip");
        AtomicInteger next = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        long start = System.nanoTime();
        List<Future<?>> work = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            work.add(pool.submit(() -> {
                for (int i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) {
                    Subscriber s = approvers.get(i % approvers.size());
                    long t0 = System.nanoTime();
                    Map<String, Object> request = signRequest(sp, s, files);
                    String tranCode = sp769(BASE + "/v1/signatures/sign", request).get("tran_code").asText();
                    long t1 = System.nanoTime();
                    String challenge = get(signingUrl + "/api/v1/transactions/" + tranCode, s.token())
                            .get("challenge").asText();
                    post(signingUrl + "/api/v1/transactions/" + tranCode + "/confirm", s.token(), Map.of("pin",
                            SigningBenchmark.PIN, "challenge", challenge, "deviceSignature",
                            deviceSign(s.device(), challenge)), 200);
                    long t2 = System.nanoTime();
                    JsonNode status;
                    do {
                        // The integrator polls; the approval answers once the signatures are stored, so the
                        // first poll normally finds them.
                        status = sp769(BASE + "/v1/signatures/sign/" + tranCode + "/status", Map.of());
                    } while (!"SIGNED".equals(status.path("status").asText()));
                    long t3 = System.nanoTime();
                    if (status.get("signatures").size() != files) {
                        throw new IllegalStateException("status returned " + status.get("signatures").size()
                                + " signatures for " + files + " files");
                    }
                    record(phases, "sign", t1 - t0);
                    record(phases, "approve", t2 - t1);
                    record(phases, "status", t3 - t2);
                    record(phases, "round trip", t3 - t0);
                }
                return null;
            }));
        }
        for (Future<?> f : work) {
            f.get();
        }
        pool.shutdown();
        double seconds = (System.nanoTime() - start) / 1e9;
        return new Run(count / seconds, count * files / seconds, phases);
    }

    /** TH v2: every delegating subscriber signs once with the current TOTP code (a code is accepted once). */
    private Run v2(Sp sp, Map<Subscriber, byte[]> delegating, int files) throws Exception {
        awaitFreshTotpStep();
        Map<String, List<Long>> phases = phases("sign (password + TOTP → SAD)", "confirm (SAD + password → signatures)",
                "round trip");
        List<Map.Entry<Subscriber, byte[]>> all = new ArrayList<>(delegating.entrySet());
        AtomicInteger next = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(concurrency);
        long start = System.nanoTime();
        List<Future<?>> work = new ArrayList<>();
        TimeBasedOneTimePasswordGenerator totp = new TimeBasedOneTimePasswordGenerator();
        for (int c = 0; c < concurrency; c++) {
            work.add(pool.submit(() -> {
                for (int i = next.getAndIncrement(); i < all.size(); i = next.getAndIncrement()) {
                    Subscriber s = all.get(i).getKey();
                    String otp = totp.generateOneTimePasswordString(new SecretKeySpec(all.get(i).getValue(),
                            totp.getAlgorithm()), Instant.now());
                    long t0 = System.nanoTime();
                    Map<String, Object> request = signRequest(sp, s, files);
                    request.put("password", SigningBenchmark.PASSWORD);
                    request.put("otp", otp);
                    JsonNode signed = sp769(BASE + "/v2/signatures/sign", request);
                    long t1 = System.nanoTime();
                    JsonNode done = sp769(BASE + "/v2/signatures/confirm", Map.of("sp_id", sp.id(), "sp_password",
                            sp.password(), "user_id", s.identifier(), "password", SigningBenchmark.PASSWORD,
                            "transaction_id", signed.get("transaction_id").asText(), "sad",
                            signed.get("sad").asText()));
                    long t2 = System.nanoTime();
                    if (done.get("signatures").size() != files) {
                        throw new IllegalStateException("confirm returned " + done.get("signatures").size()
                                + " signatures for " + files + " files");
                    }
                    record(phases, "sign (password + TOTP → SAD)", t1 - t0);
                    record(phases, "confirm (SAD + password → signatures)", t2 - t1);
                    record(phases, "round trip", t2 - t0);
                }
                return null;
            }));
        }
        for (Future<?> f : work) {
            f.get();
        }
        pool.shutdown();
        double seconds = (System.nanoTime() - start) / 1e9;
        return new Run(all.size() / seconds, all.size() * files / seconds, phases);
    }

    /** The whole of a TOTP step ahead, so every delegate's code of this round stays valid while it is used. */
    private static void awaitFreshTotpStep() throws InterruptedException {
        long intoStep = Instant.now().toEpochMilli() % 30_000;
        if (intoStep > 5_000) {
            Thread.sleep(30_000 - intoStep + 200); // the protocol's clock, not a guess: codes change every 30 s
        }
    }

    /** Untimed: the subscriber turns on TH v2 delegation (PIN + device) and keeps the TOTP secret it is shown. */
    private byte[] enableTotp(Subscriber s) throws Exception {
        String challenge = post(signingUrl + "/api/v1/credentials/" + s.credentialId() + "/challenge", s.token(),
                Map.of(), 200).get("challenge").asText();
        String secret = post(signingUrl + "/api/v1/credentials/" + s.credentialId() + "/totp", s.token(), Map.of("pin",
                SigningBenchmark.PIN, "challenge", challenge, "deviceSignature", deviceSign(s.device(), challenge)), 201)
                .get("totpSecret").asText();
        return Base64.getDecoder().decode(secret);
    }

    /** signing-service learns integrators from account-service's events: wait until it answers for this one. */
    private void awaitKnown(Sp sp, Subscriber s) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (true) {
            // The status poll counts no wrong secret (a poll before the registration arrives is no guess): 401 while
            // the SP is unknown, 404 (no such transaction) once it is known.
            JsonNode answer = post(signingUrl + BASE + "/v1/signatures/sign/BENCH-" + java.util.UUID.randomUUID()
                    + "/status", null, Map.of("sp_id", sp.id(), "sp_password", sp.password()), -1);
            if (answer.path("status_code").asInt() == 404) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("signing-service never learnt the SP: " + answer);
            }
            Thread.sleep(100);
        }
    }

    private Map<String, Object> signRequest(Sp sp, Subscriber s, int files) throws Exception {
        List<Map<String, Object>> items = new ArrayList<>();
        MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
        for (int i = 0; i < files; i++) {
            byte[] document = new byte[64];
            random.nextBytes(document);
            items.add(Map.of("data_to_be_signed", HexFormat.of().formatHex(sha256.digest(document)), "doc_id",
                    "HD-" + (i + 1), "file_type", "xml", "sign_type", "hash"));
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("sp_id", sp.id());
        body.put("sp_password", sp.password());
        body.put("user_id", s.identifier());
        body.put("transaction_id", "BENCH-" + UUID.randomUUID());
        body.put("transaction_desc", "Ký " + files + " hóa đơn");
        body.put("serial_number", "");
        body.put("sign_files", items);
        return body;
    }

    /** An SP769 call that must succeed: its {@code data}. */
    private JsonNode sp769(String path, Object body) throws Exception {
        JsonNode answer = post(signingUrl + path, null, body, 200);
        return answer.get("data");
    }

    /** One Argon2id (m = 19 MiB, t = 2, p = 1, the services' PIN and password cost) on one thread, ms. */
    static double argon2Ms() {
        byte[] salt = new byte[16];
        byte[] out = new byte[64];
        long best = Long.MAX_VALUE;
        for (int i = 0; i < 5; i++) {
            long t0 = System.nanoTime();
            Argon2BytesGenerator generator = new Argon2BytesGenerator();
            generator.init(new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
                    .withVersion(Argon2Parameters.ARGON2_VERSION_13).withSalt(salt).withMemoryAsKB(19 * 1024)
                    .withIterations(2).withParallelism(1).build());
            generator.generateBytes("246813".getBytes(StandardCharsets.US_ASCII), out);
            best = Math.min(best, System.nanoTime() - t0);
        }
        return best / 1e6;
    }

    private static Map<String, List<Long>> phases(String... names) {
        Map<String, List<Long>> phases = new LinkedHashMap<>();
        for (String name : names) {
            phases.put(name, Collections.synchronizedList(new ArrayList<>()));
        }
        return phases;
    }

    private static void record(Map<String, List<Long>> phases, String phase, long nanos) {
        phases.get(phase).add(nanos / 1_000_000);
    }

    private String report(List<Double> argon2, List<Double> rsa, double argon2Ms, double rsaMs,
            Map<Integer, List<Run>> v1Alone, Map<Integer, List<Run>> v1Loaded, Map<Integer, List<Run>> v2) {
        StringBuilder md = new StringBuilder();
        md.append("Machine: ").append(cores).append(" cores, ").append(System.getProperty("java.vm.name")).append(' ')
                .append(System.getProperty("java.version")).append("; ").append(runs).append(" runs; subscriber keys "
                        + "RSA-2048 in software custody. SP769 v1: ").append(Math.max(10, transactions / 3))
                .append(" transactions one at a time (latency), then ").append(transactions).append(" with ")
                .append(concurrency).append(" integrator clients (throughput), each signed, approved by its subscriber "
                        + "(PIN + device signature, as the app does) and polled until SIGNED. TH v2: ")
                .append(delegates).append(" delegating subscribers each sign once per TOTP step (a code is accepted "
                        + "once), ").append(concurrency).append(" clients. The load generator shares the machine.\n\n");
        md.append("| measure | min | median | max | ratio to baseline (median) |\n|---|---|---|---|---|\n");
        md.append(row("baseline: one Argon2id (19 MiB, t = 2; the PIN and password cost), BouncyCastle, 1 thread, ms",
                argon2, null));
        md.append(row("baseline: one RSA-2048 signature on one core (cores ÷ raw rate), ms", rsa, null));
        for (int files : v1Alone.keySet()) {
            // One PIN check and the signatures are the least the round trip can cost.
            double floor = argon2Ms + files * rsaMs;
            String what = "SP769 v1, " + files + (files == 1 ? " file" : " files");
            for (String phase : List.of("sign", "approve", "status", "round trip")) {
                md.append(row(what + ", one at a time: " + phase + " p50 ms", p(v1Alone.get(files), phase, 0.5),
                        phase.equals("round trip") ? floor : null));
            }
            md.append(row(what + ", one at a time: round trip p99 ms", p(v1Alone.get(files), "round trip", 0.99),
                    floor));
            md.append(row(what + ", " + concurrency + " clients: round trips/s", v1Loaded.get(files).stream()
                    .map(Run::perSecond).toList(), null));
            md.append(row(what + ", " + concurrency + " clients: round trip p50 ms",
                    p(v1Loaded.get(files), "round trip", 0.5), null));
            md.append(row(what + ", " + concurrency + " clients: round trip p99 ms",
                    p(v1Loaded.get(files), "round trip", 0.99), null));
        }
        for (int files : v2.keySet()) {
            // Two password checks (sign and confirm) and the signatures.
            double floor = 2 * argon2Ms + files * rsaMs;
            String what = "TH v2, " + files + (files == 1 ? " file" : " files");
            for (String phase : v2.get(files).get(0).phases().keySet()) {
                md.append(row(what + ": " + phase + " p50 ms", p(v2.get(files), phase, 0.5),
                        phase.equals("round trip") ? floor : null));
            }
            md.append(row(what + ": round trip p99 ms", p(v2.get(files), "round trip", 0.99), floor));
        }
        md.append("\nRatios of round trips divide by the crypto they cannot skip, measured in this run: SP769 v1 one "
                + "Argon2id PIN check plus one RSA signature per file; TH v2 two Argon2id password checks (account-service "
                + "checks the password at sign and again at confirm) plus one signature per file. The rest is HTTP, "
                + "JSON, the SP's and the subscriber's token checks, the database transactions and the events.\n");
        return md.toString();
    }

    private static List<Double> p(List<Run> runs, String phase, double q) {
        return runs.stream().map(r -> (double) percentile(r.phases().get(phase), q)).toList();
    }
}
