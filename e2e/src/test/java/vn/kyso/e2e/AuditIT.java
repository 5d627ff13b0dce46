package vn.kyso.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Isolated;

/**
 * Issue 18's anchored audit trail on the running stack: account-, ca- and signing-service each export a trail that
 * {@code ./kyso audit verify} (no database, real RFC 3161 tokens from Kyso's TSA) finds intact and in agreement with
 * the anchors published on kyso.audit.anchors ({@code ./kyso audit anchors}); after an insider deletes the newest
 * anchored row the same command finds it.
 */
// Waits for every trail to be anchored up to its head and then deletes a head row: other suites' entries would keep
// the trails moving.
@Isolated
class AuditIT {

    @Test
    void eachServicesExportVerifiesOfflineAndADeletedNewestRowIsFound() throws Exception {
        KysoStack stack = KysoStack.shared();
        Api.Subscriber subscriber = Api.activate(stack, "Ngô Thị Hạnh");
        // Something in each trail: logins (account-service), the issuance (ca-service), the credential (signing).
        Api.login(subscriber.identifier(), subscriber.password());
        Path dir = Files.createTempDirectory("kyso-audit-");
        // The operator's sign-in for each export is itself a new entry of account-service's trail: that trail first,
        // alone; then ca-service's and signing-service's side by side (each check starts two tool JVMs).
        checkAnchoredAndIntact(stack, "account-service", dir, " [01] not yet anchored");
        ExecutorService checks = Executors.newFixedThreadPool(2);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (String service : List.of("ca-service", "signing-service")) {
                done.add(checks.submit(() -> {
                    checkAnchoredAndIntact(stack, service, dir, " 0 not yet anchored");
                    return null;
                }));
            }
            for (Future<?> check : done) {
                check.get();
            }
        } finally {
            checks.shutdown();
        }
        assertTrue(Files.readString(dir.resolve("account-service.jsonl")).contains("LoginSucceeded"));
        assertTrue(Files.readString(dir.resolve("ca-service.jsonl")).contains("CertificateIssued"));

        // An insider deletes signing-service's newest anchored row and sets the head back.
        try (Connection c = DriverManager.getConnection(StateSnapshot.POSTGRES + "signing", "postgres", "");
                Statement st = c.createStatement()) {
            int chain;
            long seq;
            // The newest row of the chain the subscriber's credential is in (the anchored head).
            try (ResultSet r = st.executeQuery("select chain, max(seq) from kyso_audit_entry where chain = (select "
                    + "chain from kyso_audit_entry where subject = '" + subscriber.credentialId() + "' limit 1) "
                    + "group by chain")) {
                assertTrue(r.next(), "the credential has entries");
                chain = r.getInt(1);
                seq = r.getLong(2);
            }
            st.executeUpdate("delete from kyso_audit_entry where chain = " + chain + " and seq = " + seq);
            st.executeUpdate("update kyso_audit_head set seq = " + (seq - 1) + ", hash = coalesce((select hash from "
                    + "kyso_audit_entry where chain = " + chain + " and seq = " + (seq - 1) + "), '\\x"
                    + "0".repeat(64) + "') where chain = " + chain);
        }
        Map.Entry<Integer, String> tampered = exportAndVerify(stack, "signing-service", dir.resolve("tampered.jsonl"));
        assertEquals(1, tampered.getKey(), tampered.getValue());
        assertTrue(tampered.getValue().contains("which the export lacks (rows deleted)"), tampered.getValue());
        assertTrue(tampered.getValue().contains("NOT INTACT"), tampered.getValue());
    }

    private static void checkAnchoredAndIntact(KysoStack stack, String service, Path dir, String anchored)
            throws Exception {
        Path export = dir.resolve(service + ".jsonl");
        Api.await(() -> exportAndVerify(stack, service, export), r -> r.getKey() == 0
                && java.util.regex.Pattern.compile(anchored).matcher(r.getValue()).find(),
                service + "'s trail, anchored and intact");
        String content = Files.readString(export);
        assertTrue(content.contains("\"type\":\"entry\"") && content.contains("\"timestampToken\":\"M"),
                service + ": entries and timestamped anchors");
    }

    private static Map.Entry<Integer, String> exportAndVerify(KysoStack stack, String service, Path file)
            throws Exception {
        // Held against the anchors the service published on kyso.audit.anchors, beyond its database. Read before the
        // export, as an auditor must: the stack anchors every 3 s, and an anchor published between an export and a
        // later read of the topic is one the export cannot hold (the verifier rightly calls that a trail cut back).
        Path published = file.resolveSibling(file.getFileName() + ".published");
        Map.Entry<Integer, String> anchors = stack.kyso("audit", "anchors", service, published.toString());
        assertEquals(0, anchors.getKey(), anchors.getValue());
        Map.Entry<Integer, String> exported = stack.kyso("audit", "export", service, file.toString());
        assertEquals(0, exported.getKey(), exported.getValue());
        return stack.kyso("audit", "verify", file.toString(), "--anchors", published.toString());
    }
}
