package vn.kyso.signing;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import vn.kyso.audit.AuditFormat;
import vn.kyso.audit.AuditVerifier;
import vn.kyso.commons.audit.AuditAnchors;
import vn.kyso.signing.crypto.TestDevice;
import vn.kyso.signing.crypto.TestTsa;
import vn.kyso.testsupport.InSession;
import vn.kyso.testsupport.JwtKeysTestResource;
import vn.kyso.testsupport.KafkaTestResource;
import vn.kyso.testsupport.PostgresTestResource;
import vn.kyso.testsupport.SealingKeysTestResource;

/**
 * Credential events land in the anchored trail; the offline verifier, given only the operator's export, finds the
 * newest anchored row deleted and a chain recomputed after an edit (issue 18: both used to verify).
 */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "signing"))
@WithTestResource(JwtKeysTestResource.class)
@WithTestResource(AccountLoginStub.class)
@WithTestResource(TestTsa.class)
@WithTestResource(SealingKeysTestResource.class)
class AuditTrailTest {

    @Inject
    AuditAnchors anchors;

    @Test
    void theExportVerifiesOfflineAndRowsDeletedOrAChainRecomputedAfterAnAnchorAreFound() throws Exception {
        UUID account = UUID.randomUUID();
        String token = SigningTestSupport.subscriber(account);
        TestDevice device = new TestDevice();
        UUID credential = SigningTestSupport.create(token, device);
        String challenge = SigningTestSupport.challenge(token, credential);
        given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("currentPin", "975310", "newPin",
                "864209", "confirmPin", "864209", "challenge", challenge, "deviceSignature", device.sign(challenge)))
                .post("/api/v1/credentials/" + credential + "/pin").then().statusCode(400);

        List<Object[]> mine = rows(credential.toString());
        assertEquals(List.of("CredentialRegistered", "KeyPairActivated", "PinRefused"),
                mine.stream().map(r -> (String) r[2]).toList());
        mine.forEach(r -> assertFalse(((String) r[3]).contains(SigningTestSupport.PIN)
                || ((String) r[3]).contains("975310"), "no PIN in the trail: " + r[3]));
        assertEquals(1, mine.stream().map(r -> r[0]).distinct().count(), "one subject, one chain");

        String operator = SigningTestSupport.operator();
        given().auth().oauth2(token).get("/api/v1/audit/export").then().statusCode(403);
        anchorNow();
        AuditVerifier.Report clean = verify(operator);
        assertTrue(clean.intact(), clean.problems().toString());
        assertEquals(0, clean.unanchored());

        int chain = ((Number) mine.get(0)[0]).intValue();
        // An insider edits an older row and recomputes every hash after it: each row links and recomputes, but the
        // anchored head no longer matches.
        Object[] victim = mine.get(1);
        long victimSeq = ((Number) victim[1]).longValue();
        sql("update kyso_audit_entry set detail = '{\"keyAlgorithm\":\"EC-P256\"}' where chain = " + chain
                + " and seq = " + victimSeq);
        recompute(chain);
        AuditVerifier.Report rewritten = verify(operator);
        assertFalse(rewritten.intact());
        assertTrue(rewritten.problems().stream().anyMatch(p -> p.contains("rewritten")),
                rewritten.problems().toString());
        assertTrue(rewritten.problems().stream().noneMatch(p -> p.contains("altered (hash")),
                "the chain itself recomputes: only the anchor tells");

        // Then deletes the newest row and sets the head back so the chain still links.
        long seq = ((Number) mine.get(mine.size() - 1)[1]).longValue();
        sql("delete from kyso_audit_entry where chain = " + chain + " and seq = " + seq);
        sql("update kyso_audit_head set seq = seq - 1, hash = (select hash from kyso_audit_entry where chain = " + chain
                + " and seq = " + (seq - 1) + ") where chain = " + chain);
        AuditVerifier.Report deleted = verify(operator);
        assertFalse(deleted.intact());
        assertTrue(deleted.problems().stream().anyMatch(p -> p.contains("which the export lacks")),
                deleted.problems().toString());
    }

    /**
     * The insider who deletes the newest rows together with the anchors that fixed them, then lets the service anchor
     * the cut trail: the export alone is consistent, the anchors published on kyso.audit.anchors are not.
     */
    @Test
    void rowsAndAnchorsDeletedTogetherAreFoundAgainstThePublishedAnchors() throws Exception {
        String operator = SigningTestSupport.operator();
        anchorNow();
        long lastBefore = lastAnchor();
        // This test cuts its own rows off their chain: they must not share a chain with the other test's damage, or
        // the cut would change those findings too (a subject's chain follows from its random id, so ask again).
        java.util.Set<Integer> damaged = new java.util.HashSet<>();
        java.util.regex.Matcher named = java.util.regex.Pattern.compile("chain (\\d+)")
                .matcher(String.join(" ", verify(operator, null).problems()));
        while (named.find()) {
            damaged.add(Integer.valueOf(named.group(1)));
        }
        List<Object[]> mine;
        do {
            String token = SigningTestSupport.subscriber(UUID.randomUUID());
            UUID credential = SigningTestSupport.create(token, new TestDevice());
            mine = Awaitility.await().atMost(Duration.ofSeconds(30))
                    .until(() -> rows(credential.toString()), r -> r.size() == 2);
        } while (damaged.contains(((Number) mine.get(0)[0]).intValue()));
        anchorNow();
        long covering = lastAnchor();
        List<String> published = Awaitility.await().atMost(Duration.ofSeconds(30)).until(this::published,
                lines -> lines.stream().anyMatch(l -> l.contains("\"seq\":" + covering + ",")));
        // The other test of this class damages the shared trail on purpose: its findings stay, nothing is added.
        List<String> earlier = verify(operator, null).problems();
        AuditVerifier.Report honest = verify(operator, published);
        assertEquals(earlier, honest.problems(), "the export agrees with every published anchor");

        int chain = ((Number) mine.get(0)[0]).intValue();
        long first = ((Number) mine.get(0)[1]).longValue();
        sql("delete from kyso_audit_entry where chain = " + chain + " and seq >= " + first);
        sql("update kyso_audit_head set seq = " + (first - 1) + ", hash = coalesce((select hash from kyso_audit_entry"
                + " where chain = " + chain + " and seq = " + (first - 1) + "), '\\x" + "00".repeat(32) + "') where chain = "
                + chain);
        sql("delete from kyso_audit_anchor where seq > " + lastBefore);
        anchorNow();
        AuditVerifier.Report alone = verify(operator, null);
        assertEquals(earlier, alone.problems(), "the cut export is consistent in itself");
        List<String> nowPublished = published();
        AuditVerifier.Report against = verify(operator, nowPublished);
        assertFalse(against.intact());
        assertTrue(against.problems().stream().anyMatch(p -> p.contains("differs from the one published")
                        || p.contains("the trail was cut back")), against.problems().toString());
    }

    private List<String> published() {
        return vn.kyso.testsupport.TopicReader.readAll(vn.kyso.events.Topics.AUDIT_ANCHORS,
                r -> "signing-service".equals(r.key())).stream().map(r -> r.value()).toList();
    }

    private static long lastAnchor() {
        return InSession.await(() -> Panache.getSession().chain(s -> s.createNativeQuery(
                "select coalesce(max(seq), 0) from kyso_audit_anchor", Long.class).getSingleResult()));
    }

    private void anchorNow() {
        long before = anchorCount();
        anchors.wake();
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> anchorCount() > before);
    }

    private static AuditVerifier.Report verify(String operator) {
        return verify(operator, null);
    }

    private static AuditVerifier.Report verify(String operator, List<String> published) {
        String export = given().auth().oauth2(operator).get("/api/v1/audit/export").then().statusCode(200)
                .contentType("application/x-ndjson").extract().asString();
        // The test TSA's certificate is the one its tokens must be signed by.
        return AuditVerifier.verify(Arrays.asList(export.split("\n")), new AuditVerifier.Options(null,
                TestTsa.certificate, false, published));
    }

    private static long anchorCount() {
        return InSession.await(() -> Panache.getSession().chain(s -> s.createNativeQuery(
                "select count(*) from kyso_audit_anchor", Long.class).getSingleResult()));
    }

    private static List<Object[]> rows(String subject) {
        return InSession.await(() -> Panache.getSession().chain(s -> s.createNativeQuery(
                "select chain, seq, kind, detail from kyso_audit_entry where subject = :s order by seq", Object[].class)
                .setParameter("s", subject).getResultList()));
    }

    private static void sql(String statement) {
        InSession.await(() -> Panache.withTransaction(() -> Panache.getSession().chain(s -> s
                .createNativeQuery(statement).executeUpdate())));
    }

    /** What an insider with the database would do: every hash of the chain again, and the head. */
    private static void recompute(int chain) {
        List<Object[]> all = InSession.await(() -> Panache.getSession().chain(s -> s.createNativeQuery(
                "select seq, occurred_at, kind, subject, actor, detail from kyso_audit_entry where chain = :c order by seq",
                Object[].class).setParameter("c", chain).getResultList()));
        byte[] prev = AuditFormat.GENESIS;
        for (Object[] r : all) {
            long seq = ((Number) r[0]).longValue();
            java.time.Instant at = r[1] instanceof java.time.OffsetDateTime o ? o.toInstant() : (java.time.Instant) r[1];
            byte[] hash = AuditFormat.entryHash(prev, chain, seq, at, (String) r[2], (String) r[3], (String) r[4],
                    (String) r[5]);
            sql("update kyso_audit_entry set prev_hash = '\\x" + HexFormat.of().formatHex(prev) + "', hash = '\\x"
                    + HexFormat.of().formatHex(hash) + "' where chain = " + chain + " and seq = " + seq);
            prev = hash;
        }
        sql("update kyso_audit_head set hash = '\\x" + HexFormat.of().formatHex(prev) + "' where chain = " + chain);
    }
}
