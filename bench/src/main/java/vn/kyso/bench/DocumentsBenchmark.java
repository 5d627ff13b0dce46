package vn.kyso.bench;

import static vn.kyso.bench.BenchStats.env;
import static vn.kyso.bench.BenchStats.median;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.Signature;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentNameDictionary;
import org.apache.pdfbox.pdmodel.PDEmbeddedFilesNameTreeNode;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.common.filespecification.PDComplexFileSpecification;
import org.apache.pdfbox.pdmodel.common.filespecification.PDEmbeddedFile;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

import vn.kyso.commons.crypto.TsaClient;
import vn.kyso.sdk.crypto.Ades;
import vn.kyso.sdk.crypto.AdesValidation;

/**
 * Finished documents from the service: PAdES B-T and e-invoice XAdES B-T of a 100 KB document through CSC
 * {@code signatures/signDoc} with pre-authorised SADs, against the {@link Ades} signing-service runs (kyso-sign-sdk)
 * signing the same document in this process with an RSA-2048 key of its own and the same TSA, in the same run.
 */
public final class DocumentsBenchmark {

    private static final String SHA256 = "2.16.840.1.101.3.4.2.1";
    private static final String SHA256_RSA = "1.2.840.113549.1.1.11";
    private static final int DOCUMENT_BYTES = 100 * 1024;

    private final String signingUrl = env("KYSO_SIGNING_URL", "http://127.0.0.1:8084");
    private final String tsaUrl = env("KYSO_TSA_URL", "http://127.0.0.1:8083/tsa");
    private final int runs = Integer.parseInt(env("BENCH_RUNS", "5"));
    private final int documents = Integer.parseInt(env("BENCH_DOCUMENTS", "200"));
    private final int concurrency = Integer.parseInt(env("BENCH_CONCURRENCY", "4"));
    /** Documents per kind and path signed before measuring. */
    private final int warmup = Integer.parseInt(env("BENCH_WARMUP", "600"));
    /** Most documents per kind signed to reach a steady state (see {@link #warmUp}). */
    private final int warmupMax = Integer.parseInt(env("BENCH_WARMUP_MAX", "8000"));
    /** How long one set of subscribers and integrator tokens is used (their access tokens live 15 minutes). */
    private static final java.time.Duration SIGNERS_FOR = java.time.Duration.ofMinutes(10);
    private final SigningBenchmark signing = new SigningBenchmark();
    private SigningBenchmark.Signers signers;
    private long signersSince;
    /** Batches in a row that must set no new low before a path counts as warm. */
    static final int SETTLED_BATCHES = 4;
    /** signing-service's management interface: its process CPU time, read around each timed window. */
    private final String managementUrl = env("KYSO_SIGNING_MANAGEMENT_URL", "http://127.0.0.1:8284");
    /** Which kinds to measure (a comma list of {@code pades}, {@code xades}): one of them while profiling. */
    private final List<String> only = List.of(env("BENCH_KINDS", "pades,xades").split(","));

    /** The last document each kind's service run signed: what a recipient then validates. */
    private final Map<String, byte[]> lastSigned = new java.util.concurrent.ConcurrentHashMap<>();

    /** @param cpuMs signing-service's CPU time per document in the timed window (its idle timers included) */
    record Result(double documentsPerSecond, long p50Ms, long p99Ms, double cpuMs) {
    }

    /** @param cpuMs this process's CPU time per document (its JIT and GC included) */
    record LocalResult(double documentsPerSecond, double cpuMs) {
    }

    record Kind(String name, Map<String, Object> spec, byte[] document, Ades.Spec local) {
    }

    public static void main(String[] args) throws Exception {
        // DSS warns twice per B-T signature that the chain carries no revocation data (B-T needs none); the service
        // does not log it, so neither does the in-process baseline.
        System.setProperty("org.slf4j.simpleLogger.log.eu.europa.esig.dss", "error");
        try {
            BenchStats.writeReport(args, "bench/target/documents.md", new DocumentsBenchmark().run());
        } catch (Exception e) {
            // The client pools' threads would keep a failed run alive (and busy) long after it printed its error.
            e.printStackTrace();
            System.exit(1);
        }
        System.exit(0);
    }

    private String run() throws Exception {
        signers = signing.signers();
        signersSince = System.nanoTime();
        List<Kind> kinds = List.of(
                new Kind("PAdES B-T, 100 KB PDF", Map.of("signature_format", "P", "conformance_level", "Ades-B-T",
                        "signAlgo", SHA256_RSA), pdf(), Ades.Spec.of(Ades.Format.PADES, Ades.Packaging.ENVELOPED,
                        Ades.Level.B_T)),
                new Kind("XAdES B-T e-invoice, 100 KB XML", Map.of("signature_format", "X", "conformance_level",
                        "Ades-B-T", "signAlgo", SHA256_RSA, "signed_props", List.of(Map.of("attribute_name", "einvoice",
                                "attribute_value", "true"))), invoice(), new Ades.Spec(Ades.Format.XADES,
                        Ades.Packaging.ENVELOPED, Ades.Level.B_T, "SHA-256", null, Ades.XmlTarget.EINVOICE, false)))
                .stream().filter(k -> only.contains(k.name().startsWith("PAdES") ? "pades" : "xades")).toList();
        Local local = new Local(tsaUrl);
        Map<String, String> warm = new java.util.LinkedHashMap<>();
        for (Kind kind : kinds) {
            warm.put(kind.name(), warmUp(local, kind));
        }
        StringBuilder out = new StringBuilder();
        out.append(String.format("%d documents per run, %d clients, %d runs; the service's signatures made in custody"
                + " (software), time-stamped by ca-service's TSA; in-process: the same `Ades` code with an RSA-2048"
                + " key in memory under a chain of Kyso's shape (root EC P-384, issuing CA EC P-256) and the same"
                + " TSA, measured right after each service run. %d cores. CPU ms/doc: signing-service's process CPU"
                + " (its `process_cpu_time_ns_total`) and this process's, over the timed windows.%n%n", documents,
                concurrency, runs, Runtime.getRuntime().availableProcessors()));
        out.append("| documents | service docs/s (min / median / max) | in-process docs/s (median) | ratio | p50 ms |"
                + " p99 ms | service CPU ms/doc | in-process CPU ms/doc |\n|---|---|---|---|---|---|---|---|\n");
        for (Kind kind : kinds) {
            List<Double> service = new ArrayList<>();
            List<Double> inProcess = new ArrayList<>();
            List<Long> p50 = new ArrayList<>();
            List<Long> p99 = new ArrayList<>();
            List<Double> serviceCpu = new ArrayList<>();
            List<Double> localCpu = new ArrayList<>();
            for (int i = 0; i < runs; i++) {
                Result r = service(kind, documents);
                service.add(r.documentsPerSecond());
                p50.add(r.p50Ms());
                p99.add(r.p99Ms());
                serviceCpu.add(r.cpuMs());
                LocalResult l = local.rate(kind, documents, concurrency);
                inProcess.add(l.documentsPerSecond());
                localCpu.add(l.cpuMs());
            }
            List<Double> sorted = new ArrayList<>(service);
            Collections.sort(sorted);
            double ratio = median(service) / median(inProcess);
            out.append(String.format("| %s | %.1f / %.1f / %.1f | %.1f | %.2f | %d | %d | %.1f | %.1f |%n",
                    kind.name(), sorted.get(0), median(service), sorted.get(sorted.size() - 1), median(inProcess),
                    ratio, Collections.max(p50), Collections.max(p99), median(serviceCpu), median(localCpu)));
        }
        out.append("\nTarget (issue 20): ratio ≥ 0.7. p50/p99: the worst run's. Warm-up, until the CPU per document of"
                + " both paths stopped falling (batches of 200; " + SETTLED_BATCHES
                + " in a row with no new low, within 3 %; at least " + warmup + " documents):\n");
        warm.forEach((name, trail) -> out.append("- ").append(name).append(": ").append(trail).append('\n'));
        out.append(validation(kinds.get(0)));
        return out.toString();
    }

    /**
     * Validation reports/s of a document the service signed: {@code POST /api/v1/validations} against
     * {@link AdesValidation} in this process with the same anchor and the same OCSP responder, 2 clients each (the
     * service runs 2 validations at once per replica and answers 503 past that).
     */
    private String validation(Kind kind) throws Exception {
        byte[] signed = lastSigned.get(kind.name());
        String root = SigningBenchmark.HTTP.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(
                tsaUrl.replace("/tsa", "/ca/root.pem"))).build(), java.net.http.HttpResponse.BodyHandlers.ofString())
                .body();
        X509Certificate anchor = (X509Certificate) java.security.cert.CertificateFactory.getInstance("X.509")
                .generateCertificate(new java.io.ByteArrayInputStream(root.getBytes(StandardCharsets.US_ASCII)));
        String body = SigningBenchmark.JSON.writeValueAsString(Map.of("document", Base64.getEncoder()
                .encodeToString(signed)));
        vn.kyso.sdk.crypto.HttpFetcher fetcher = new vn.kyso.sdk.crypto.HttpFetcher();
        int clients = 2;
        int n = Math.max(20, documents / 4);
        List<Double> service = new ArrayList<>();
        List<Double> inProcess = new ArrayList<>();
        List<Long> p99 = new ArrayList<>();
        for (int i = 0; i <= runs; i++) {
            List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
            double s = timed(n, clients, () -> {
                long t0 = System.nanoTime();
                var answer = SigningBenchmark.HTTP.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(
                        signingUrl + "/api/v1/validations")).header("Content-Type", "application/json")
                        .POST(java.net.http.HttpRequest.BodyPublishers.ofString(body)).build(),
                        java.net.http.HttpResponse.BodyHandlers.ofString());
                latencies.add((System.nanoTime() - t0) / 1_000_000);
                if (answer.statusCode() != 200 || !answer.body().contains("TOTAL_PASSED")) {
                    throw new IllegalStateException("validation answered " + answer.statusCode() + " " + answer.body());
                }
            });
            double l = timed(n, clients, () -> {
                var outcome = AdesValidation.validate(signed, "document.pdf", List.of(), List.of(anchor), fetcher,
                        Instant.now(), false);
                if (!"TOTAL_PASSED".equals(outcome.signatures().get(0).indication())) {
                    throw new IllegalStateException("in-process validation: " + outcome);
                }
            });
            if (i > 0) { // the first round warms both paths up
                service.add(s);
                inProcess.add(l);
                p99.add(BenchStats.percentile(latencies, 0.99));
            }
        }
        return String.format("%n| validation (EN 319 102-1, simple report) | service reports/s (median) | in-process"
                + " reports/s (median) | ratio | p99 ms |%n|---|---|---|---|---|%n| %s, signed by the service |"
                + " %.1f | %.1f | %.2f | %d |%n%n%d validations per run, %d clients, %d runs; the signer's OCSP"
                + " answer fetched from ca-service each time (B-T carries none).%n", kind.name(), median(service),
                median(inProcess), median(service) / median(inProcess), Collections.max(p99), n, clients, runs);
    }

    @FunctionalInterface
    private interface Call {
        void run() throws Exception;
    }

    /** Calls per second of {@code n} calls over {@code threads} threads. */
    private static double timed(int n, int threads, Call call) throws Exception {
        AtomicInteger next = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        long start = System.nanoTime();
        List<Future<?>> work = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            work.add(pool.submit(() -> {
                for (int i = next.getAndIncrement(); i < n; i = next.getAndIncrement()) {
                    call.run();
                }
                return null;
            }));
        }
        for (Future<?> f : work) {
            f.get();
        }
        pool.shutdown();
        return n / ((System.nanoTime() - start) / 1e9);
    }

    /**
     * Untimed approvals, then every SAD spent on one signDoc of the document. The client shares the 2 cores with the
     * service, so it does as little as a client can: the document's JSON is encoded once and each body is sent as
     * three byte arrays around it; each answer is checked by its status and opening, and only each client's last
     * answer is parsed in full (after the timed window; the validation below then checks it).
     */
    private Result service(Kind kind, int n) throws Exception {
        SigningBenchmark.Signers signers = signers();
        String hash = Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256").digest(kind.document()));
        Map<String, Object> document = new java.util.HashMap<>(kind.spec());
        document.put("document", Base64.getEncoder().encodeToString(kind.document()));
        byte[] documentJson = SigningBenchmark.JSON.writeValueAsBytes(List.of(document));
        byte[] suffix = "}".getBytes(StandardCharsets.US_ASCII);
        byte[] opening = "{\"DocumentWithSignature\":[\"".getBytes(StandardCharsets.US_ASCII);
        List<String[]> ready = authorise(signers, n, hash);
        List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
        List<byte[]> lastAnswers = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger next = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(concurrency);
        double cpuBefore = serviceCpuNanos();
        long start = System.nanoTime();
        List<Future<?>> work = new ArrayList<>();
        for (int t = 0; t < concurrency; t++) {
            work.add(pool.submit(() -> {
                byte[] last = null;
                for (int i = next.getAndIncrement(); i < ready.size(); i = next.getAndIncrement()) {
                    String[] a = ready.get(i);
                    byte[] prefix = SigningBenchmark.JSON.writeValueAsString(Map.of("credentialID", a[0], "SAD", a[1]))
                            .replaceAll("}$", ",\"documents\":").getBytes(StandardCharsets.UTF_8);
                    java.net.http.HttpRequest request = java.net.http.HttpRequest.newBuilder(java.net.URI.create(
                            signingUrl + "/csc/v2/signatures/signDoc")).header("Content-Type", "application/json")
                            .header("Authorization", "Bearer " + signers.cscToken())
                            .POST(java.net.http.HttpRequest.BodyPublishers.ofByteArrays(List.of(prefix, documentJson,
                                    suffix))).build();
                    long t0 = System.nanoTime();
                    var answer = SigningBenchmark.HTTP.send(request,
                            java.net.http.HttpResponse.BodyHandlers.ofByteArray());
                    latencies.add((System.nanoTime() - t0) / 1_000_000);
                    byte[] body = answer.body();
                    if (answer.statusCode() != 200 || body.length < opening.length || !java.util.Arrays.equals(
                            body, 0, opening.length, opening, 0, opening.length)) {
                        throw new IllegalStateException("signDoc answered " + answer.statusCode() + ": "
                                + new String(body, 0, Math.min(body.length, 300), StandardCharsets.UTF_8));
                    }
                    last = body;
                }
                if (last != null) {
                    lastAnswers.add(last);
                }
                return null;
            }));
        }
        for (Future<?> f : work) {
            f.get();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        double cpuMs = (serviceCpuNanos() - cpuBefore) / 1e6 / ready.size();
        pool.shutdown();
        for (byte[] answer : lastAnswers) {
            com.fasterxml.jackson.databind.JsonNode signed = SigningBenchmark.JSON.readTree(answer);
            if (signed.path("DocumentWithSignature").size() != 1) {
                throw new IllegalStateException("signDoc returned " + signed);
            }
            lastSigned.put(kind.name(), Base64.getDecoder().decode(signed.path("DocumentWithSignature").get(0)
                    .asText()));
        }
        // The timed window in wall-clock time, to cut a profile of the service down to it.
        System.err.printf("timed %s: %d calls from %d for %.3f s%n", kind.name(), ready.size(),
                System.currentTimeMillis() - (long) (seconds * 1000), seconds);
        return new Result(ready.size() / seconds, BenchStats.percentile(latencies, 0.5),
                BenchStats.percentile(latencies, 0.99), cpuMs);
    }

    /**
     * Signs batches of 200 through both paths until the CPU per document of both stops falling: signing-service's C2
     * compiler keeps compiling for thousands of documents (Quarkus, Vert.x, Hibernate Reactive, Kafka, Jackson, DSS,
     * PDFBox and BouncyCastle on 2 cores), and this process, new in every run, compiles the in-process path meanwhile;
     * a ratio taken before both settle measures two compilers. Two neighbouring batches within a few percent is no
     * sign of that (batch noise is ±10 %, and the service kept falling from 30 to 17 ms per document after such a
     * pair): a path has settled when its last {@value #SETTLED_BATCHES} batches set no new low, i.e. none of them beat
     * the best earlier batch by more than 3 %. Returns the trail.
     */
    private String warmUp(Local local, Kind kind) throws Exception {
        List<String> trail = new ArrayList<>();
        List<Double> serviceCpu = new ArrayList<>();
        List<Double> localCpu = new ArrayList<>();
        int done = 0;
        while (done < warmupMax) {
            Result r = service(kind, 200);
            LocalResult l = local.rate(kind, 200, concurrency);
            done += 200;
            trail.add(String.format("%.1f/%.1f", r.cpuMs(), l.cpuMs()));
            serviceCpu.add(r.cpuMs());
            localCpu.add(l.cpuMs());
            if (done >= warmup && settled(serviceCpu) && settled(localCpu)) {
                return done + " documents, CPU ms/doc per batch (service/in-process) " + String.join(" → ", trail);
            }
        }
        return done + " documents (the most allowed, not yet steady), CPU ms/doc per batch (service/in-process) "
                + String.join(" → ", trail);
    }

    /** Whether the last {@link #SETTLED_BATCHES} values stayed above 97 % of the lowest value before them. */
    static boolean settled(List<Double> perBatch) {
        if (perBatch.size() <= SETTLED_BATCHES) {
            return false;
        }
        double bestBefore = Collections.min(perBatch.subList(0, perBatch.size() - SETTLED_BATCHES));
        double bestSince = Collections.min(perBatch.subList(perBatch.size() - SETTLED_BATCHES, perBatch.size()));
        return bestSince >= 0.97 * bestBefore;
    }

    /**
     * The subscribers and the integrator, made anew (untimed) every {@link #SIGNERS_FOR}: a long warm-up outlives
     * their access tokens.
     */
    private SigningBenchmark.Signers signers() throws Exception {
        if (System.nanoTime() - signersSince > SIGNERS_FOR.toNanos()) {
            signers = signing.signers();
            signersSince = System.nanoTime();
        }
        return signers;
    }

    /** signing-service's process CPU time so far, from its metrics. */
    private double serviceCpuNanos() throws Exception {
        String metrics = SigningBenchmark.HTTP.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(
                managementUrl + "/q/metrics")).build(), java.net.http.HttpResponse.BodyHandlers.ofString()).body();
        for (String line : metrics.split("\n")) {
            if (line.startsWith("process_cpu_time_ns_total ")) {
                return Double.parseDouble(line.substring(line.indexOf(' ') + 1).trim());
            }
        }
        throw new IllegalStateException("signing-service's metrics carry no process_cpu_time_ns_total");
    }

    private List<String[]> authorise(SigningBenchmark.Signers signers, int n, String hash) throws Exception {
        List<String[]> out = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger next = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<?>> work = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            work.add(pool.submit(() -> {
                for (int i = next.getAndIncrement(); i < n; i = next.getAndIncrement()) {
                    SigningBenchmark.Subscriber s = signers.subscribers().get(i % signers.subscribers().size());
                    String handle = SigningBenchmark.post(signingUrl + "/csc/v2/credentials/authorize",
                            signers.cscToken(), Map.of("credentialID", s.credentialId(), "numSignatures", 1, "hashes",
                                    List.of(hash), "hashAlgorithmOID", SHA256), 202).get("handle").asText();
                    String challenge = SigningBenchmark.get(signingUrl + "/api/v1/transactions/" + handle, s.token())
                            .get("challenge").asText();
                    SigningBenchmark.post(signingUrl + "/api/v1/transactions/" + handle + "/confirm", s.token(),
                            Map.of("pin", SigningBenchmark.PIN, "challenge", challenge, "deviceSignature",
                                    SigningBenchmark.deviceSign(s.device(), challenge)), 200);
                    String sad = SigningBenchmark.post(signingUrl + "/csc/v2/credentials/authorizeCheck",
                            signers.cscToken(), Map.of("handle", handle), 200).get("SAD").asText();
                    out.add(new String[] {s.credentialId(), sad});
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

    /**
     * The same code in this process: {@link Ades} with a key in memory under a chain of the shape Kyso issues (root
     * EC P-384, issuing CA EC P-256, subscriber RSA-2048), the root as trust anchor as the service has it, and the
     * same TSA — the subscriber's own key stays in custody, so the baseline holds one of the same kind and chain.
     */
    private static final class Local {

        private final Ades.Signer signer;
        private final Ades.Evidence evidence;

        Local(String tsaUrl) throws Exception {
            KeyPair rootKey = generate("EC", new java.security.spec.ECGenParameterSpec("secp384r1"));
            KeyPair issuingKey = generate("EC", new java.security.spec.ECGenParameterSpec("secp256r1"));
            KeyPair pair = generate("RSA", new java.security.spec.RSAKeyGenParameterSpec(2048,
                    java.security.spec.RSAKeyGenParameterSpec.F4));
            X509Certificate root = certificate("C=VN,O=Benchmark,CN=Benchmark Root", rootKey.getPublic(),
                    "C=VN,O=Benchmark,CN=Benchmark Root", rootKey, "SHA384withECDSA", true);
            X509Certificate issuing = certificate("C=VN,O=Benchmark,CN=Benchmark Issuing CA", issuingKey.getPublic(),
                    "C=VN,O=Benchmark,CN=Benchmark Root", rootKey, "SHA384withECDSA", true);
            X509Certificate certificate = certificate("C=VN,CN=Benchmark In-Process", pair.getPublic(),
                    "C=VN,O=Benchmark,CN=Benchmark Issuing CA", issuingKey, "SHA256withECDSA", false);
            signer = new Ades.Signer((jca, data) -> {
                try {
                    Signature s = Signature.getInstance(jca);
                    s.initSign(pair.getPrivate());
                    s.update(data);
                    return s.sign();
                } catch (java.security.GeneralSecurityException e) {
                    throw new IllegalStateException(e);
                }
            }, "RSA-2048", List.of(certificate, issuing, root), null, null, null);
            TsaClient tsa = new TsaClient(java.net.URI.create(tsaUrl), Duration.ofSeconds(10));
            evidence = new Ades.Evidence((oid, imprint) -> tsa.tokenForImprint(oid, imprint, null), null,
                    List.of(root));
        }

        private static KeyPair generate(String algorithm, java.security.spec.AlgorithmParameterSpec spec)
                throws Exception {
            KeyPairGenerator generator = KeyPairGenerator.getInstance(algorithm);
            generator.initialize(spec);
            return generator.generateKeyPair();
        }

        private static X509Certificate certificate(String subject, java.security.PublicKey key, String issuer,
                KeyPair issuerKey, String algorithm, boolean ca) throws Exception {
            Instant now = Instant.now();
            return new JcaX509CertificateConverter().getCertificate(new JcaX509v3CertificateBuilder(
                    new X500Name(issuer), BigInteger.valueOf(now.toEpochMilli()).add(BigInteger.valueOf(
                            subject.hashCode() & 0xffff)), Date.from(now.minusSeconds(60)),
                    Date.from(now.plus(Duration.ofDays(30))), new X500Name(subject), key)
                    .addExtension(org.bouncycastle.asn1.x509.Extension.basicConstraints, true,
                            new org.bouncycastle.asn1.x509.BasicConstraints(ca))
                    .build(new JcaContentSignerBuilder(algorithm).build(issuerKey.getPrivate())));
        }

        LocalResult rate(Kind kind, int n, int threads) throws Exception {
            var os = (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                    .getOperatingSystemMXBean();
            long from = System.currentTimeMillis();
            long cpuBefore = os.getProcessCpuTime();
            double rate = timed(n, threads, () -> Ades.sign(kind.local(), Ades.Content.of(kind.document(),
                    "document"), signer, Instant.now(), evidence));
            double cpuMs = (os.getProcessCpuTime() - cpuBefore) / 1e6 / n;
            System.err.printf("timed in-process %s: %d documents from %d for %.3f s%n", kind.name(), n, from,
                    n / rate);
            return new LocalResult(rate, cpuMs);
        }
    }

    /** A one-page contract carrying a 100 KB attachment (incompressible: the size is real). */
    private static byte[] pdf() throws Exception {
        try (PDDocument doc = new PDDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            doc.addPage(new PDPage());
            byte[] annex = new byte[DOCUMENT_BYTES];
            new Random(20).nextBytes(annex);
            PDEmbeddedFile file = new PDEmbeddedFile(doc, new java.io.ByteArrayInputStream(annex));
            file.setSize(annex.length);
            PDComplexFileSpecification spec = new PDComplexFileSpecification();
            spec.setFile("phu-luc.bin");
            spec.setEmbeddedFile(file);
            PDEmbeddedFilesNameTreeNode tree = new PDEmbeddedFilesNameTreeNode();
            tree.setNames(Map.of("phu-luc.bin", spec));
            PDDocumentNameDictionary names = new PDDocumentNameDictionary(doc.getDocumentCatalog());
            names.setEmbeddedFiles(tree);
            doc.getDocumentCatalog().setNames(names);
            doc.save(out);
            return out.toByteArray();
        }
    }

    /** An e-invoice (Decree 123 layout) with enough lines to weigh 100 KB. */
    private static byte[] invoice() {
        StringBuilder lines = new StringBuilder();
        for (int i = 1; lines.length() < DOCUMENT_BYTES; i++) {
            lines.append("<HHDVu><TChat>1</TChat><STT>").append(i).append("</STT><THHDVu>Dịch vụ ký số từ xa, gói ")
                    .append(i).append("</THHDVu><DVTinh>Gói</DVTinh><SLuong>1</SLuong><DGia>1200000</DGia>")
                    .append("<ThTien>1200000</ThTien><TSuat>8%</TSuat></HHDVu>");
        }
        return ("<?xml version=\"1.0\" encoding=\"UTF-8\"?><HDon><DLHDon Id=\"DLHDon-BENCH\"><TTChung><PBan>2.1.0"
                + "</PBan><KHHDon>C26TKY</KHHDon><SHDon>1</SHDon></TTChung><NDHDon><NBan><Ten>Công ty Kyso</Ten><MST>"
                + "0109999999</MST></NBan><DSHHDVu>" + lines + "</DSHHDVu></NDHDon></DLHDon><DSCKS><NBan/><NMua/>"
                + "</DSCKS></HDon>").getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }
}
