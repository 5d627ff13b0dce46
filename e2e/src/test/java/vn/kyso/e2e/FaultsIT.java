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

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Real processes killed and restarted in the middle of the seed's first steps: every account must still get exactly
 * one welcome mail and exactly one activation-code mail — nothing lost, nothing doubled.
 */
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

    @Test
    void mailsWaitOutAnSmtpOutageAndAreDeliveredOnce() throws Exception {
        KysoStack stack = KysoStack.shared();
        stack.kill9("mail");
        List<String> emails = createAccounts(stack, "smtp-down");
        // notification-service has tried (and failed) for every one of them before the server comes back.
        Api.await(() -> count("notification", "select count(*) from mail_delivery where recipient like 'smtp-down-%' "
                + "and attempts > 0 and status = 'PENDING'"), n -> n >= emails.size(), "failed delivery attempts");
        stack.upAgain();
        assertExactlyOnce(emails);
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
                            "{\"idType\":\"CCCD\",\"idNumber\":\"" + id + "\",\"fullName\":\"Ngô Thị Lỗi\",\"email\":\""
                                    + email + "\",\"phone\":\"0912345678\",\"province\":\"Hà Nội\","
                                    + "\"locality\":\"Cầu Giấy\"}"));
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
