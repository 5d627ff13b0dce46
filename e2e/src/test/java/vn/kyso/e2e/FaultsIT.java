package vn.kyso.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Isolated;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Real processes killed and restarted in the middle of the seed's first steps: every account must still get exactly
 * one welcome mail and exactly one activation-code mail — nothing lost, nothing doubled.
 */
// Kills and restarts the stack's processes (Kafka, PostgreSQL, services, the mail server).
@Isolated
class FaultsIT {

    static final String WELCOME = "Your Kyso remote signing account has been created";
    static final String CODE = "Your account activation code";
    static final int ACCOUNTS = 20;

    @Test
    void accountServiceKilledBetweenCommitAndPublishPublishesAfterRestart() throws Exception {
        // The accounts and their outbox rows are committed; the relay may not have sent them all yet.
        killedRightAfterTheAccountsAreCreated("account-service");
    }

    @Test
    void activationServiceKilledMidSagaIssuesOneCodePerAccountAfterRestart() throws Exception {
        // A second code for an account would be a second code mail: exactly one each.
        killedRightAfterTheAccountsAreCreated("activation-service");
    }

    private static void killedRightAfterTheAccountsAreCreated(String service) throws Exception {
        KysoStack stack = KysoStack.shared();
        List<String> emails = createAccounts(stack, "kill-" + service);
        stack.kill9(service);
        stack.upAgain();
        assertExactlyOnce(emails);
    }

    /**
     * Issue 19: signing-service dies after an integrator's webhook left and before its outcome was written. The
     * delivery queue sends it again once the lease ends, with the same {@code X-Kyso-Delivery} key, so an integrator
     * that keeps the keys it has handled acts on the outcome exactly once.
     */
    @Test
    void signingServiceKilledBetweenAWebhookSentAndItsOutcomeRecordedResendsTheSameDelivery() throws Exception {
        KysoStack stack = KysoStack.shared();
        List<String[]> calls = new java.util.concurrent.CopyOnWriteArrayList<>();
        java.util.Set<String> handled = java.util.concurrent.ConcurrentHashMap.newKeySet();
        java.util.concurrent.CountDownLatch firstCall = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch killed = new java.util.concurrent.CountDownLatch(1);
        var integrator = com.sun.net.httpserver.HttpServer.create(new java.net.InetSocketAddress("127.0.0.1", 0), 0);
        integrator.setExecutor(Executors.newCachedThreadPool());
        integrator.createContext("/hook", ex -> {
            String key = ex.getRequestHeaders().getFirst("X-Kyso-Delivery");
            String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            calls.add(new String[] {key, body});
            if (calls.size() == 1) {
                // The webhook has left signing-service; it dies before it can write down that it did.
                firstCall.countDown();
                try {
                    killed.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            } else {
                handled.add(key);
            }
            ex.sendResponseHeaders(200, -1);
            ex.close();
        });
        integrator.start();
        try {
            Api.Subscriber subscriber = Api.activate(stack, "Phan Văn Khải");
            KysoStack.Integrator sp = stack.registerIntegrator("Hóa đơn " + subscriber.identifier(),
                    subscriber.identifier(), "http://127.0.0.1:" + integrator.getAddress().getPort() + "/hook");
            String tran = Api.JSON.readTree(stack.sp769Sign(sp, subscriber.identifier(), "KILL-WH-"
                    + subscriber.identifier(), java.util.HexFormat.of().formatHex(new byte[32])))
                    .at("/data/tran_code").asText();
            Api.ok(subscriber.confirm(tran));
            if (!firstCall.await(60, java.util.concurrent.TimeUnit.SECONDS)) {
                throw new AssertionError("the webhook never came");
            }
            stack.kill9("signing-service");
            killed.countDown();
            assertEquals("SENDING", Api.await(() -> text("signing", "select status from kyso_delivery where "
                    + "reference = '" + tran + "'"), "SENDING"::equals, "the claim left behind by the dead sender"));
            stack.upAgain();
            Api.await(() -> text("signing", "select status from kyso_delivery where reference = '" + tran + "'"),
                    "SENT"::equals, "the delivery sent again after the lease and recorded");
            assertEquals(2, calls.size(), "sent twice: once before the kill, once after");
            assertEquals(calls.get(0)[0], calls.get(1)[0], "with the same idempotency key");
            assertEquals(calls.get(0)[1], calls.get(1)[1], "and the same body");
            assertEquals(java.util.Set.of(calls.get(0)[0]), handled, "so the integrator acts once");
            assertEquals(1, count("signing", "select count(*) from kyso_delivery where reference = '" + tran + "'"));
        } finally {
            killed.countDown();
            integrator.stop(0);
        }
    }

    private static String text(String database, String sql) throws Exception {
        try (Connection c = DriverManager.getConnection(StateSnapshot.POSTGRES + database, "postgres", "");
                Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
            return r.next() ? r.getString(1) : null;
        }
    }

    @Test
    void mailsWaitOutAnSmtpOutageAndAreDeliveredOnce() throws Exception {
        KysoStack stack = KysoStack.shared();
        stack.kill9("mail");
        List<String> emails = createAccounts(stack, "smtp-down");
        // notification-service has tried (and failed) for every one of them before the server comes back.
        Api.await(() -> count("notification", "select count(*) from kyso_delivery where channel = 'mail' and "
                + "destination like 'smtp-down-%' and attempts > 0 and status = 'PENDING'"), n -> n >= emails.size(), "failed delivery attempts");
        stack.upAgain();
        assertExactlyOnce(emails);
    }

    @Test
    void kafkaBrokerKilledMidFlowLosesAndDoublesNothing() throws Exception {
        KysoStack stack = KysoStack.shared();
        // Subscribers past step 1, about to ask for their key pair and certificate.
        List<String> tokens = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            tokens.add(verified(stack, "kafka-cert"));
        }
        stack.kill9("kafka");
        // With the broker gone, new accounts and new key pairs commit with their events waiting in the outboxes.
        List<String> emails = createAccounts(stack, "kafka-down");
        List<String> accountIds = new ArrayList<>();
        for (String token : tokens) {
            Api.ok(Api.send("POST", KysoStack.SIGNING + "/api/v1/credentials", token, "application/json",
                    "{\"pin\":\"481620\",\"confirmPin\":\"481620\",\"deviceName\":\"máy thử\","
                            + "\"devicePublicKey\":\"" + Api.newDeviceKey() + "\"}"));
            accountIds.add(Api.json(Api.send("GET", KysoStack.ACCOUNT + "/api/v1/me", token, null, null))
                    .path("accountId").asText());
        }
        stack.upAgain();
        assertExactlyOnce(emails);
        for (String token : tokens) {
            Api.await(() -> Api.json(Api.send("GET", KysoStack.SIGNING + "/api/v1/credentials", token, null, null)),
                    list -> list.toString().contains("\"status\":\"ACTIVE\""), "the credential ACTIVE");
        }
        StateSnapshot.settled();
        for (String accountId : accountIds) {
            assertEquals(1, count("ca", "select count(*) from issued_certificate where account_id = '" + accountId
                    + "'"), "certificates of " + accountId);
        }
    }

    @Test
    void postgresRestartedMidFlowRefusesCleanlyAndHalfAppliesNothing() throws Exception {
        KysoStack stack = KysoStack.shared();
        String operator = stack.operator();
        Map<String, Integer> answers = new java.util.concurrent.ConcurrentHashMap<>();
        java.util.concurrent.CountDownLatch stop = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.atomic.AtomicInteger created = new java.util.concurrent.atomic.AtomicInteger();
        List<String> wrong = java.util.Collections.synchronizedList(new ArrayList<>());
        // Four creators, and ./kyso up bringing the database back.
        ExecutorService pool = Executors.newFixedThreadPool(5);
        List<Future<?>> creators = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            creators.add(pool.submit(() -> {
                while (stop.getCount() > 0) {
                    String id = Api.newIdentifier();
                    HttpResponse<String> answer = Api.send("POST", KysoStack.ACCOUNT + "/api/v1/accounts", operator,
                            "application/json", accountJson(id, "pg-restart-" + id + "@example.vn"));
                    answers.put(id, answer.statusCode());
                    if (answer.statusCode() == 201) {
                        created.incrementAndGet();
                        continue;
                    }
                    // A client backing off after a refusal, as Retry-After asks (shortened: the outage is short), or
                    // until the test ends.
                    stop.await(200, java.util.concurrent.TimeUnit.MILLISECONDS);
                    if (answer.statusCode() != 503 || !answer.headers().firstValue("Content-Type")
                            .orElse("").startsWith("application/problem+json")
                            || answer.headers().firstValue("Retry-After").isEmpty()) {
                        wrong.add(answer.statusCode() + " " + answer.body());
                    }
                }
                return null;
            }));
        }
        try {
            Api.await(created::get, n -> n >= 10, "accounts created before the restart");
            stack.stop("postgres");
            for (String service : List.of("8081", "8082", "8083", "8084", "8085")) {
                Api.await(() -> ready(service), r -> r == 503, "readiness DOWN on port " + service);
            }
            Api.await(() -> answers.values().stream().filter(c -> c == 503).count(), n -> n >= 5,
                    "requests refused while the database is down");
            int before = created.get();
            // The services reconnect on their own well before ./kyso up has checked every process: the creators stop
            // once ten accounts are in after the restart, not after the whole check (they made hundreds more, each
            // a saga and two mails to wait for, and no more coverage of the outage).
            Future<?> up = pool.submit(() -> {
                stack.upAgain();
                return null;
            });
            Api.await(created::get, n -> n >= before + 10, "accounts created after the restart");
            stop.countDown();
            up.get();
            for (String service : List.of("8081", "8082", "8083", "8084", "8085")) {
                assertEquals(200, ready(service), "readiness UP again on port " + service);
            }
        } finally {
            stop.countDown();
            pool.shutdown();
        }
        for (Future<?> creator : creators) {
            creator.get();
        }
        if (!wrong.isEmpty()) {
            assertEquals(List.of(), wrong, "every refusal is a 503 problem with Retry-After; account-service logged:\n"
                    + stack.unhandledFailures("account-service"));
        }
        // Whole or nothing: an account exists with both its mails, or neither the account nor a mail exists.
        List<String> createdEmails = new ArrayList<>();
        Map<String, String> halfApplied = new TreeMap<>();
        for (Map.Entry<String, Integer> answer : answers.entrySet()) {
            String email = "pg-restart-" + answer.getKey() + "@example.vn";
            boolean exists = count("account", "select count(*) from account where email = '" + email + "'") == 1;
            if (exists) {
                createdEmails.add(email);
            } else if (answer.getValue() == 201) {
                halfApplied.put(email, "201 but no account");
            } else if (!mails(email).isEmpty()) {
                halfApplied.put(email, "refused but mailed");
            }
        }
        assertExactlyOnce(createdEmails);
        assertEquals(Map.of(), halfApplied);
        long refused = answers.values().stream().filter(c -> c != 201).count();
        Files.writeString(Path.of("target/faults-report.txt"), "postgres restart: " + answers.size() + " requests, "
                + created.get() + " created, " + refused + " refused with 503, " + createdEmails.size()
                + " accounts exist, half-applied " + halfApplied.size() + "\n",
                java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
    }

    private static int ready(String port) throws Exception {
        try {
            return Api.send("GET", "http://127.0.0.1:" + (Integer.parseInt(port) + KysoStack.OFFSET
                    + KysoStack.MANAGEMENT_SHIFT) + "/q/health/ready", null, null, null).statusCode();
        } catch (java.io.IOException e) {
            return 0;
        }
    }

    /** An account past step 1 (code verified, password set), signed in: its token. */
    private static String verified(KysoStack stack, String prefix) throws Exception {
        String id = Api.newIdentifier();
        KysoStack.Created created = stack.createAccount(id, "Phạm Văn Gián Đoạn", prefix + "-" + id + "@example.vn");
        String password = "Mat-Khau-" + id.substring(6) + "!a";
        Api.ok(Api.send("POST", Api.ACTIVATION + "/api/v1/activation/verify", null, "application/json",
                "{\"identifier\":\"" + id + "\",\"activationCode\":\"" + created.code() + "\",\"password\":\""
                        + password + "\",\"confirmPassword\":\"" + password + "\",\"acceptTerms\":true}"));
        return Api.login(id, password);
    }

    private static String accountJson(String id, String email) {
        return "{\"idType\":\"CCCD\",\"idNumber\":\"" + id + "\",\"fullName\":\"Ngô Thị Lỗi\",\"email\":\""
                + email + "\",\"phone\":\"0912345678\",\"province\":\"Hà Nội\",\"locality\":\"Cầu Giấy\"}";
    }

    static List<String> createAccounts(KysoStack stack, String prefix) throws Exception {
        String operator = stack.operator();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<String>> created = new ArrayList<>();
            for (int i = 0; i < ACCOUNTS; i++) {
                String id = Api.newIdentifier();
                String email = prefix + "-" + id + "@example.vn";
                created.add(pool.submit(() -> {
                    Api.ok(Api.send("POST", KysoStack.ACCOUNT + "/api/v1/accounts", operator, "application/json",
                            accountJson(id, email)));
                    return email;
                }));
            }
            List<String> emails = new ArrayList<>();
            for (Future<String> f : created) {
                emails.add(f.get());
            }
            return emails;
        } finally {
            pool.shutdown();
        }
    }

    /** Each address gets its two mails, and once the stack is quiet still exactly those two. */
    static void assertExactlyOnce(List<String> emails) throws Exception {
        for (String email : emails) {
            Api.await(() -> mails(email), m -> m.getOrDefault(WELCOME, 0) >= 1 && m.getOrDefault(CODE, 0) >= 1,
                    "both mails for " + email);
        }
        StateSnapshot.settled();
        Map<String, String> wrong = new TreeMap<>();
        for (String email : emails) {
            Map<String, Integer> m = mails(email);
            if (m.getOrDefault(WELCOME, 0) != 1 || m.getOrDefault(CODE, 0) != 1) {
                wrong.put(email, m.toString());
            }
        }
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target/faults-report.txt"), emails.size() + " accounts; not exactly one of each: "
                + wrong + "\n", java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
        assertEquals(Map.of(), wrong, "mails lost or doubled");
    }

    private static Map<String, Integer> mails(String email) throws Exception {
        HttpResponse<String> answer;
        try {
            answer = Api.HTTP.send(HttpRequest.newBuilder(URI.create(KysoStack.MAIL + "/api/user/"
                    + URLEncoder.encode(email, StandardCharsets.UTF_8) + "/messages/INBOX")).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (java.io.IOException restarting) {
            // ./kyso up does not wait for GreenMail's REST API: nothing to read yet.
            return Map.of();
        }
        JsonNode inbox = Api.JSON.readTree(answer.body());
        if (answer.statusCode() != 200 || !inbox.isArray()) {
            return Map.of(); // GreenMail answers with an error object for an address that never received mail
        }
        Map<String, Integer> bySubject = new TreeMap<>();
        for (JsonNode message : inbox) {
            String subject = message.path("subject").asText();
            bySubject.merge(subject.contains(WELCOME) ? WELCOME : subject.contains(CODE) ? CODE : subject, 1,
                    Integer::sum);
        }
        return bySubject;
    }

    private static long count(String database, String sql) throws Exception {
        try (Connection c = DriverManager.getConnection(StateSnapshot.POSTGRES + database, "postgres", "");
                Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
            r.next();
            return r.getLong(1);
        }
    }
}
