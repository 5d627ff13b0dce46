package vn.kyso.bench;

import static vn.kyso.bench.BenchStats.env;
import static vn.kyso.bench.BenchStats.fmt;
import static vn.kyso.bench.BenchStats.median;
import static vn.kyso.bench.BenchStats.percentile;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupListing;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * The seed's activation saga under a burst: N accounts created at once by the operator, each driven through the APIs
 * as its subscriber would — code from the email, password, PIN + device key — until its certificate is issued. Counts
 * what was lost or doubled and measures the saga's hops from the services' own commit times (AccountCreated → mail
 * accepted by SMTP; KeyPairActivated → CertificateIssued). Baseline: the same hops for accounts driven one at a time,
 * in the same run.
 */
public final class SagaBenchmark {

    private static final Pattern CODE = Pattern.compile("Activation code: ([0-9]{6})");
    private static final Pattern TOKEN = Pattern.compile("\"access_token\":\"([^\"]+)\"");
    private static final String PASSWORD = "Tai-Khoan-Tai-1!";
    private static final String PIN = "582947";
    /**
     * The mails each account of the saga gets, exactly once: welcome and activation code, then the certificate's
     * notice and the request to sign its acceptance record (the run stops at the certificate, so no "activated" mail).
     */
    private static final List<String> MAILS = List.of("WELCOME", "ACTIVATION_CODE", "CERTIFICATE_ISSUED",
            "SIGNATURE_REQUESTED");

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(30))
            .executor(Executors.newFixedThreadPool(4)).build();
    private final String accountUrl = env("KYSO_ACCOUNT_URL", "http://127.0.0.1:8081");
    private final String activationUrl = env("KYSO_ACTIVATION_URL", "http://127.0.0.1:8082");
    private final String signingUrl = env("KYSO_SIGNING_URL", "http://127.0.0.1:8084");
    private final String mailUrl = env("KYSO_MAIL_API_URL", "http://127.0.0.1:8025");
    private final String kafka = env("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:9092");
    private final String postgres = "jdbc:postgresql://" + env("KYSO_DB_HOST", "127.0.0.1") + ":"
            + env("KYSO_DB_PORT", "15432") + "/";
    private final int accounts = Integer.parseInt(env("BENCH_ACCOUNTS", "1000"));
    private final int runs = Integer.parseInt(env("BENCH_RUNS", "1"));
    private final AtomicInteger retries = new AtomicInteger();
    private final int baselineAccounts = Integer.parseInt(env("BENCH_BASELINE_ACCOUNTS", "10"));
    private final Path home = Path.of(env("KYSO_HOME", ".kyso"));

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args.length > 0 ? args[0] : "bench/target/saga.md");
        SagaBenchmark bench = new SagaBenchmark();
        String report;
        try {
            report = bench.run();
        } finally {
            bench.http.executor().ifPresent(e -> ((ExecutorService) e).shutdownNow());
        }
        Files.createDirectories(out.toAbsolutePath().getParent());
        Files.writeString(out, report);
        System.out.println(report);
    }

    /** What one wave of accounts gave. */
    record Wave(int accounts, double seconds, Map<String, List<Long>> hops, int lost, int doubled, List<String> problems,
            Map<String, Double> cpuPerAccount) {

        double throughput() {
            return accounts / seconds;
        }
    }

    private String run() throws Exception {
        String operator = operatorToken();
        String tag = Long.toString(System.currentTimeMillis(), 36);
        drive(operator, tag + "w", 3, 1); // warm-up: JIT and connection pools, not a figure
        List<Wave> baseline = new ArrayList<>();
        List<Wave> bursts = new ArrayList<>();
        for (int r = 0; r < runs; r++) {
            baseline.add(drive(operator, tag + "b" + r, baselineAccounts, 1));
            bursts.add(drive(operator, tag + "l" + r, accounts, accounts));
        }
        return report(baseline, bursts);
    }

    /** Drives {@code count} accounts, {@code concurrency} at a time, to their certificates; then audits them. */
    private Wave drive(String operator, String tag, int count, int concurrency) throws Exception {
        Map<String, CompletableFuture<String>> codes = new ConcurrentHashMap<>();
        Map<String, CompletableFuture<Instant>> certificates = new ConcurrentHashMap<>();
        Map<String, String> accountIds = new ConcurrentHashMap<>();
        List<String> problems = java.util.Collections.synchronizedList(new ArrayList<>());
        List<String> emails = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String email = "load-" + tag + "-" + i + "@example.vn";
            emails.add(email);
            codes.put(email, new CompletableFuture<>());
            certificates.put(email, new CompletableFuture<>());
        }
        Poller poller = new Poller(tag, codes, certificates, accountIds);
        poller.start();
        AtomicInteger done = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(concurrency, r -> new Thread(null, r, "subscriber", 256 * 1024));
        CountDownLatch start = new CountDownLatch(1);
        long[] finished = new long[1];
        List<CompletableFuture<Void>> flows = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String email = emails.get(i);
            String identifier = String.format("%012d",
                    java.util.concurrent.ThreadLocalRandom.current().nextLong(1_000_000_000_000L));
            flows.add(CompletableFuture.runAsync(() -> {
                try {
                    start.await();
                    subscriber(operator, identifier, email, codes.get(email), certificates.get(email), accountIds);
                    done.incrementAndGet();
                } catch (Exception e) {
                    problems.add(email + ": " + e.getMessage());
                }
            }, pool));
        }
        Map<String, Double> cpuBefore = StackCpu.read(home);
        long t0 = System.nanoTime();
        start.countDown();
        CompletableFuture.allOf(flows.toArray(CompletableFuture[]::new)).join();
        finished[0] = System.nanoTime();
        pool.shutdown();
        poller.stop();
        awaitQuiet();
        Map<String, Double> cpu = StackCpu.perUnit(cpuBefore, StackCpu.read(home), count);
        Audit audit = audit(tag, emails);
        problems.addAll(audit.problems());
        return new Wave(count, (finished[0] - t0) / 1e9, audit.hops(), count - done.get() + audit.lost(),
                audit.doubled(), problems, cpu);
    }

    /** One subscriber's side of the saga, as the seed describes it. */
    private void subscriber(String operator, String identifier, String email, CompletableFuture<String> code,
            CompletableFuture<Instant> certificate, Map<String, String> accountIds) throws Exception {
        String created = post(accountUrl + "/api/v1/accounts", operator, "{\"idType\":\"CCCD\",\"idNumber\":\""
                + identifier + "\",\"fullName\":\"Nguyễn Thị Tải\",\"email\":\"" + email + "\",\"phone\":\"0912345678\","
                + "\"province\":\"Hà Nội\",\"locality\":\"Cầu Giấy\"}", 201);
        accountIds.put(email, field(created, "accountId"));
        String activationCode = code.get(10, TimeUnit.MINUTES);
        String verified = post(activationUrl + "/api/v1/activation/verify", null, "{\"identifier\":\"" + identifier
                + "\",\"activationCode\":\"" + activationCode + "\",\"password\":\"" + PASSWORD
                + "\",\"confirmPassword\":\"" + PASSWORD + "\",\"acceptTerms\":true}", 200);
        Matcher token = TOKEN.matcher(verified);
        if (!token.find()) {
            throw new IllegalStateException("verify gave no token");
        }
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        String device = Base64.getEncoder().encodeToString(generator.generateKeyPair().getPublic().getEncoded());
        post(signingUrl + "/api/v1/credentials", token.group(1), "{\"pin\":\"" + PIN + "\",\"confirmPin\":\"" + PIN
                + "\",\"deviceName\":\"máy tải\",\"devicePublicKey\":\"" + device + "\"}", 202);
        certificate.get(10, TimeUnit.MINUTES);
    }

    /**
     * Watches the databases for the run's mails and certificates (one query per 250 ms for all subscribers instead
     * of a poll per subscriber) and reads each code from its mailbox once its mail has been accepted by SMTP.
     */
    private final class Poller {

        private final String tag;
        private final Map<String, CompletableFuture<String>> codes;
        private final Map<String, CompletableFuture<Instant>> certificates;
        private final Map<String, String> accountIds;
        private volatile boolean stopped;
        private Thread thread;

        Poller(String tag, Map<String, CompletableFuture<String>> codes,
                Map<String, CompletableFuture<Instant>> certificates, Map<String, String> accountIds) {
            this.tag = tag;
            this.codes = codes;
            this.certificates = certificates;
            this.accountIds = accountIds;
        }

        void start() {
            thread = new Thread(this::loop, "saga-poller");
            thread.setDaemon(true);
            thread.start();
        }

        void stop() throws InterruptedException {
            stopped = true;
            thread.join();
        }

        private void loop() {
            try (Connection notification = db("notification"); Connection ca = db("ca")) {
                PreparedStatement mails = notification.prepareStatement("select destination from kyso_delivery where "
                        + "channel = 'mail' and sent_at >= ? and destination like ? "
                        + "and reference like '%:ACTIVATION_CODE' and status = 'SENT'");
                mails.setTimestamp(1, Timestamp.from(Instant.now().minusSeconds(5)));
                mails.setString(2, "load-" + tag + "-%");
                // By time, not by a thousand ids: the watcher must not become the database's heaviest client.
                Timestamp since = Timestamp.from(Instant.now().minusSeconds(5));
                PreparedStatement issued = ca.prepareStatement("select account_id::text, issued_at from "
                        + "issued_certificate where issued_at >= ? and credential_id is not null");
                issued.setTimestamp(1, since);
                while (!stopped) {
                    try (ResultSet rs = mails.executeQuery()) {
                        while (rs.next()) {
                            CompletableFuture<String> code = codes.get(rs.getString(1));
                            if (code != null && !code.isDone()) {
                                readCode(rs.getString(1), code);
                            }
                        }
                    }
                    Map<String, String> waiting = new HashMap<>();
                    accountIds.forEach((email, id) -> {
                        if (!certificates.get(email).isDone()) {
                            waiting.put(id, email);
                        }
                    });
                    if (!waiting.isEmpty()) {
                        try (ResultSet rs = issued.executeQuery()) {
                            while (rs.next()) {
                                String email = waiting.get(rs.getString(1));
                                if (email != null) {
                                    certificates.get(email).complete(rs.getTimestamp(2).toInstant());
                                }
                            }
                        }
                    }
                    Thread.sleep(250); // the polling period of a watcher, not a wait for a condition
                }
            } catch (Exception e) {
                codes.values().forEach(f -> f.completeExceptionally(e));
                certificates.values().forEach(f -> f.completeExceptionally(e));
            }
        }

        private void readCode(String email, CompletableFuture<String> code) throws Exception {
            String inbox = http.send(HttpRequest.newBuilder(URI.create(mailUrl + "/api/user/"
                    + URLEncoder.encode(email, StandardCharsets.UTF_8) + "/messages/INBOX")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            Matcher m = CODE.matcher(inbox);
            if (m.find()) {
                code.complete(m.group(1));
            }
        }
    }

    /** What the stack did for the run's accounts, read once it is quiet. */
    record Audit(Map<String, List<Long>> hops, int lost, int doubled, List<String> problems) {
    }

    private Audit audit(String tag, List<String> emails) throws Exception {
        Map<String, Instant> created = new HashMap<>();
        Map<String, String> accountOf = new HashMap<>();
        try (Connection c = db("account"); PreparedStatement s = c.prepareStatement(
                "select email, id::text, created_at from account where email like ?")) {
            s.setString(1, "load-" + tag + "-%");
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    created.put(rs.getString(1), rs.getTimestamp(3).toInstant());
                    accountOf.put(rs.getString(2), rs.getString(1));
                }
            }
        }
        Map<String, Map<String, List<Instant>>> mails = new HashMap<>();
        try (Connection c = db("notification"); PreparedStatement s = c.prepareStatement(
                "select destination, split_part(reference, ':', 2), sent_at from kyso_delivery where channel = 'mail' "
                        + "and destination like ?")) {
            s.setString(1, "load-" + tag + "-%");
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    mails.computeIfAbsent(rs.getString(1), k -> new HashMap<>())
                            .computeIfAbsent(rs.getString(2), k -> new ArrayList<>())
                            .add(rs.getTimestamp(3) == null ? null : rs.getTimestamp(3).toInstant());
                }
            }
        }
        Map<String, List<Instant>> keyPairs = new HashMap<>();
        try (Connection c = db("signing"); PreparedStatement s = c.prepareStatement(
                "select account_id::text, created_at from credential where account_id = any(?::uuid[])")) {
            s.setArray(1, c.createArrayOf("text", accountOf.keySet().toArray()));
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    keyPairs.computeIfAbsent(accountOf.get(rs.getString(1)), k -> new ArrayList<>())
                            .add(rs.getTimestamp(2).toInstant());
                }
            }
        }
        Map<String, List<Instant>> certificates = new HashMap<>();
        try (Connection c = db("ca"); PreparedStatement s = c.prepareStatement("select account_id::text, issued_at "
                + "from issued_certificate where account_id = any(?::uuid[]) and credential_id is not null")) {
            s.setArray(1, c.createArrayOf("text", accountOf.keySet().toArray()));
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    certificates.computeIfAbsent(accountOf.get(rs.getString(1)), k -> new ArrayList<>())
                            .add(rs.getTimestamp(2).toInstant());
                }
            }
        }

        Map<String, List<Long>> hops = new TreeMap<>();
        List<String> problems = new ArrayList<>();
        int lost = 0;
        int doubled = 0;
        for (String email : emails) {
            Instant accountCreated = created.get(email);
            Map<String, List<Instant>> own = mails.getOrDefault(email, Map.of());
            List<Instant> welcome = own.getOrDefault("WELCOME", List.of());
            List<Instant> code = own.getOrDefault("ACTIVATION_CODE", List.of());
            List<Instant> keys = keyPairs.getOrDefault(email, List.of());
            List<Instant> certs = certificates.getOrDefault(email, List.of());
            int received = inboxSize(email);
            String account = accountCreated == null ? "no account" : null;
            boolean mailsOnce = MAILS.stream().allMatch(kind -> own.getOrDefault(kind, List.of()).size() == 1
                    && !own.get(kind).contains(null)) && own.size() == MAILS.size();
            if (accountCreated == null || !mailsOnce || keys.size() != 1 || certs.size() != 1
                    || received != MAILS.size()) {
                boolean more = own.values().stream().anyMatch(sent -> sent.size() > 1) || keys.size() > 1
                        || certs.size() > 1 || received > MAILS.size();
                if (more) {
                    doubled++;
                } else {
                    lost++;
                }
                problems.add(email + ": " + (account != null ? account + ", " : "") + "mails " + counts(own) + ", "
                        + received + " in the mailbox, " + keys.size() + " key pair(s), " + certs.size()
                        + " certificate(s)");
                continue;
            }
            hops.computeIfAbsent("1 AccountCreated → welcome mail accepted by SMTP", k -> new ArrayList<>())
                    .add(Duration.between(accountCreated, welcome.get(0)).toMillis());
            hops.computeIfAbsent("2 AccountCreated → activation-code mail accepted by SMTP", k -> new ArrayList<>())
                    .add(Duration.between(accountCreated, code.get(0)).toMillis());
            hops.computeIfAbsent("3 KeyPairActivated → CertificateIssued", k -> new ArrayList<>())
                    .add(Duration.between(keys.get(0), certs.get(0)).toMillis());
            hops.computeIfAbsent("4 AccountCreated → certificate issued (whole saga, subscriber steps included)",
                    k -> new ArrayList<>()).add(Duration.between(accountCreated, certs.get(0)).toMillis());
        }
        return new Audit(hops, lost, doubled, problems);
    }

    private static Map<String, Integer> counts(Map<String, List<Instant>> mails) {
        Map<String, Integer> counts = new TreeMap<>();
        mails.forEach((kind, sent) -> counts.put(kind, sent.size()));
        return counts;
    }

    private int inboxSize(String email) throws Exception {
        String inbox = http.send(HttpRequest.newBuilder(URI.create(mailUrl + "/api/user/"
                + URLEncoder.encode(email, StandardCharsets.UTF_8) + "/messages/INBOX")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        int count = 0;
        for (int i = inbox.indexOf("\"Message-ID\""); i >= 0; i = inbox.indexOf("\"Message-ID\"", i + 1)) {
            count++;
        }
        return count;
    }

    /**
     * Waits until every service's consumer group has read what had been published when the wait began (or, after an
     * outbox emptied, what had been published by then) and no outbox or mail is pending, twice in a row: after that,
     * a duplicate could no longer be on its way. Events published meanwhile by older work (requests of earlier runs
     * expiring) only move the mark, they cannot keep the wait from ending.
     */
    private void awaitQuiet() throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka))) {
            Map<String, Map<TopicPartition, Long>> mark = ends(admin);
            int quietChecks = 0;
            while (quietChecks < 2) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("the stack did not settle in 5 minutes");
                }
                Thread.sleep(250); // polling period
                if (caughtUp(admin, mark) && outboxRows() == 0 && pendingMails() == 0) {
                    quietChecks++;
                    mark = ends(admin);
                } else {
                    quietChecks = 0;
                }
            }
        }
    }

    /** Per service consumer group, the end offset of every partition it has committed on. */
    private static Map<String, Map<TopicPartition, Long>> ends(Admin admin) throws Exception {
        Map<String, Map<TopicPartition, Long>> ends = new HashMap<>();
        for (ConsumerGroupListing group : admin.listConsumerGroups().all().get()) {
            if (!group.groupId().endsWith("-service")) {
                continue;
            }
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            admin.listConsumerGroupOffsets(group.groupId()).partitionsToOffsetAndMetadata().get().keySet()
                    .forEach(tp -> latest.put(tp, OffsetSpec.latest()));
            Map<TopicPartition, Long> offsets = new HashMap<>();
            admin.listOffsets(latest).all().get().forEach((tp, info) -> offsets.put(tp, info.offset()));
            ends.put(group.groupId(), offsets);
        }
        return ends;
    }

    private static boolean caughtUp(Admin admin, Map<String, Map<TopicPartition, Long>> mark) throws Exception {
        for (var group : mark.entrySet()) {
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group.getKey())
                    .partitionsToOffsetAndMetadata().get();
            for (var end : group.getValue().entrySet()) {
                OffsetAndMetadata at = committed.get(end.getKey());
                if (at == null || at.offset() < end.getValue()) {
                    return false;
                }
            }
        }
        return true;
    }

    private long outboxRows() throws SQLException {
        long rows = 0;
        for (String database : List.of("account", "activation", "ca", "signing")) {
            try (Connection c = db(database); ResultSet rs = c.createStatement().executeQuery(
                    "select count(*) from kyso_outbox")) {
                rs.next();
                rows += rs.getLong(1);
            }
        }
        return rows;
    }

    private long pendingMails() throws SQLException {
        try (Connection c = db("notification"); ResultSet rs = c.createStatement().executeQuery(
                "select count(*) from kyso_delivery where channel = 'mail' and status <> 'SENT'")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private String report(List<Wave> baseline, List<Wave> bursts) {
        StringBuilder out = new StringBuilder();
        Wave first = bursts.get(0);
        out.append("Machine: ").append(Runtime.getRuntime().availableProcessors()).append(" cores, ")
                .append(System.getProperty("java.vm.name")).append(' ').append(System.getProperty("java.version"))
                .append("; ").append(bursts.size()).append(" run(s). Each run: a baseline of ")
                .append(baseline.get(0).accounts()).append(" accounts driven one at a time, then a burst of ")
                .append(first.accounts()).append(" accounts created at once (").append(first.accounts())
                .append(" concurrent clients), each driven through the APIs to its certificate: operator creates it →")
                .append(" code read from the mail → verify with password → PIN + device key → RSA-2048 key pair →")
                .append(" certificate. Hop times come from the services' own commit times (account created, mail")
                .append(" accepted by SMTP, key pair stored, certificate issued). The load generator, Kafka,")
                .append(" PostgreSQL, GreenMail and all services share the machine.\n\n");
        int lost = bursts.stream().mapToInt(Wave::lost).sum() + baseline.stream().mapToInt(Wave::lost).sum();
        int doubled = bursts.stream().mapToInt(Wave::doubled).sum() + baseline.stream().mapToInt(Wave::doubled).sum();
        int total = bursts.stream().mapToInt(Wave::accounts).sum() + baseline.stream().mapToInt(Wave::accounts).sum();
        out.append("**").append(total).append(" accounts: ").append(total - lost - doubled)
                .append(" complete with exactly one of each mail (welcome, activation code, certificate issued,")
                .append(" acceptance record to sign), one key pair and one certificate; lost ")
                .append(lost).append(", duplicated ").append(doubled).append(".**\n\n");
        out.append("| measure | min | median | max | ratio to baseline (median) |\n|---|---|---|---|---|\n");
        List<Double> baseThroughput = baseline.stream().map(Wave::throughput).toList();
        List<Double> burstThroughput = bursts.stream().map(Wave::throughput).toList();
        out.append(BenchStats.row("baseline: accounts/s to certificate, one at a time", baseThroughput, null));
        out.append(BenchStats.row("burst: accounts/s to certificate, " + first.accounts() + " at once",
                burstThroughput, median(baseThroughput)));
        for (String hop : first.hops().keySet()) {
            for (double p : new double[] {0.5, 0.99}) {
                List<Double> base = baseline.stream().filter(w -> w.hops().containsKey(hop))
                        .map(w -> (double) percentile(w.hops().get(hop), p)).toList();
                List<Double> burst = bursts.stream().filter(w -> w.hops().containsKey(hop))
                        .map(w -> (double) percentile(w.hops().get(hop), p)).toList();
                String name = hop.substring(2) + ", p" + (int) (p * 100) + " ms";
                if (!base.isEmpty()) {
                    out.append(BenchStats.row("baseline: " + name, base, null));
                }
                if (!burst.isEmpty()) {
                    out.append(BenchStats.row("burst: " + name, burst, base.isEmpty() ? null : median(base)));
                }
            }
        }
        if (!first.cpuPerAccount().isEmpty()) {
            // Where the machine's time goes: a burst is CPU-bound, so this is what bounds its accounts/s.
            out.append("\nCPU seconds per account, by process (user + system, children included; from the start of")
                    .append(" the wave until the stack was quiet):\n\n| process | baseline | burst |\n|---|---|---|\n");
            double baseTotal = 0;
            double burstTotal = 0;
            for (String process : first.cpuPerAccount().keySet()) {
                double base = median(baseline.stream().map(w -> w.cpuPerAccount().getOrDefault(process, 0.0)).toList());
                double burst = median(bursts.stream().map(w -> w.cpuPerAccount().getOrDefault(process, 0.0)).toList());
                baseTotal += base;
                burstTotal += burst;
                out.append("| ").append(process).append(" | ").append(String.format("%.3f", base)).append(" | ")
                        .append(String.format("%.3f", burst)).append(" |\n");
            }
            out.append("| **all** | ").append(String.format("%.3f", baseTotal)).append(" | ")
                    .append(String.format("%.3f", burstTotal)).append(" |\n");
        }
        List<String> problems = new ArrayList<>();
        baseline.forEach(w -> problems.addAll(w.problems()));
        bursts.forEach(w -> problems.addAll(w.problems()));
        if (!problems.isEmpty()) {
            out.append("\nProblems (").append(problems.size()).append("):\n");
            problems.stream().limit(20).forEach(p -> out.append("- ").append(p).append('\n'));
        }
        out.append("\nRequests answered 503 (overloaded, Retry-After) and retried by the clients: ").append(retries.get())
                .append(".\n");
        out.append("\nBurst run times: ").append(bursts.stream().map(w -> fmt(w.seconds()) + " s").toList())
                .append(".\n");
        return out.toString();
    }

    private Connection db(String database) throws SQLException {
        Properties props = new Properties();
        props.setProperty("user", env("KYSO_DB_USER", "postgres"));
        props.setProperty("password", env("KYSO_DB_PASSWORD", ""));
        return DriverManager.getConnection(postgres + database, props);
    }

    private String operatorToken() throws Exception {
        String answer = post(accountUrl + "/api/v1/auth/token", null, "{\"username\":\""
                + env("KYSO_OPERATOR_USERNAME", "operator") + "\",\"password\":\"" + env("KYSO_OPERATOR_PASSWORD", "")
                + "\"}", 200);
        return field(answer, "access_token");
    }

    private String post(String url, String bearer, String json, int expected) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofMinutes(5))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json));
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        // An overloaded service says 503 with Retry-After; a well-behaved app waits at least that long, backs off
        // exponentially with jitter (so a thousand clients do not return in step) and keeps trying for half an hour.
        long deadline = System.nanoTime() + Duration.ofMinutes(30).toNanos();
        for (int attempt = 0; response.statusCode() == 503 && System.nanoTime() < deadline; attempt++) {
            retries.incrementAndGet();
            long asked = response.headers().firstValue("Retry-After").map(Long::parseLong).orElse(1L);
            double backoff = Math.min(60, asked * Math.pow(2, Math.min(attempt, 4)));
            Thread.sleep((long) (backoff * (0.5 + java.util.concurrent.ThreadLocalRandom.current().nextDouble())
                    * 1000));
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        }
        if (response.statusCode() != expected) {
            throw new IllegalStateException(url.replaceAll("^http://[^/]+", "") + " answered " + response.statusCode()
                    + ": " + response.body());
        }
        return response.body();
    }

    private static String field(String json, String name) {
        Matcher m = Pattern.compile("\"" + name + "\":\"([^\"]+)\"").matcher(json);
        if (!m.find()) {
            throw new IllegalStateException("no " + name + " in the answer");
        }
        return m.group(1);
    }
}
