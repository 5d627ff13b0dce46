package vn.kyso.signing;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import vn.kyso.signing.crypto.TestTsa;
import vn.kyso.testsupport.JwtKeysTestResource;
import vn.kyso.testsupport.KafkaTestResource;
import vn.kyso.testsupport.PostgresTestResource;
import vn.kyso.testsupport.SealingKeysTestResource;

/**
 * Issue 21 §4: an integrator's first request waits as such (approving it allows the integrator, blocking refuses all it
 * asked), look-ups answer only for subscribers who allowed it, and a blocked integrator meets the subscriber as an
 * unknown ID number (look-ups and requests alike, in SP769's own words) until allowed again; others are not affected.
 */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "signing"))
@WithTestResource(JwtKeysTestResource.class)
@WithTestResource(AccountLoginStub.class)
@WithTestResource(TestTsa.class)
@WithTestResource(SealingKeysTestResource.class)
class IntegratorConsentTest {

    @Test
    void aBlockedIntegratorMeetsAnUnknownIdNumberUntilAllowedAgain() throws Exception {
        Sp769Test.Integrator spammer = Sp769Test.integrator();
        Sp769Test.Integrator other = Sp769Test.integrator();
        Sp769Test.User user = Sp769Test.user();
        String token = user.subscriber().token();
        Sp769Test.expect(Sp769Test.call("/v1/signatures/sign", Sp769Test.signRequest(spammer, user, "C-1",
                List.of(new byte[] {1}))), 200);
        given().auth().oauth2(token).get("/api/v1/integrators").then().statusCode(200)
                .body("spId", hasItem(spammer.spId())).body("find { it.spId == '" + spammer.spId() + "' }.decision",
                        org.hamcrest.Matchers.nullValue());

        decide(token, spammer.spId(), "MAYBE").then().statusCode(400).contentType("application/problem+json");
        decide(token, UUID.randomUUID().toString(), "BLOCKED").then().statusCode(404);
        decide(token, spammer.spId(), "BLOCKED").then().statusCode(200).body("decision", equalTo("BLOCKED"));
        given().auth().oauth2(token).get("/api/v1/integrators").then()
                .body("find { it.spId == '" + spammer.spId() + "' }.decision", equalTo("BLOCKED"));

        // Blocked: the same answers as for an ID number nobody holds — the integrator learns nothing more.
        Response blocked = attempt(spammer, user.identifier(), "C-2");
        Response nobody = attempt(spammer, "000000000009", "C-3");
        assertEquals(nobody.status, blocked.status);
        assertEquals(nobody.body.getString("message"), blocked.body.getString("message"));
        assertEquals(nobody.body.getList("data.user_certificates"), blocked.body.getList("data.user_certificates"));
        assertEquals(List.of(), lookup(spammer, user.identifier()));
        // Another integrator, and another subscriber's decisions, are untouched.
        Sp769Test.allow(other, user);
        assertEquals(1, lookup(other, user.identifier()).size());
        Sp769Test.expect(Sp769Test.call("/v1/signatures/sign", Sp769Test.signRequest(other, user, "O-1",
                List.of(new byte[] {2}))), 200);
        given().auth().oauth2(SigningTestSupport.subscriber(UUID.randomUUID())).get("/api/v1/integrators").then()
                .statusCode(200).body("spId", not(hasItem(spammer.spId())));

        decide(token, spammer.spId(), "ALLOWED").then().statusCode(200).body("decision", equalTo("ALLOWED"));
        assertEquals(1, lookup(spammer, user.identifier()).size());
        Sp769Test.expect(Sp769Test.call("/v1/signatures/sign", Sp769Test.signRequest(spammer, user, "C-4",
                List.of(new byte[] {3}))), 200);
    }

    @Test
    void aFirstRequestWaitsAsSuchApprovingItAllowsAndBlockingRefusesAllTheIntegratorAsked() throws Exception {
        Sp769Test.Integrator newcomer = Sp769Test.integrator();
        Sp769Test.Integrator pest = Sp769Test.integrator();
        Sp769Test.User user = Sp769Test.user();
        String token = user.subscriber().token();

        // Not allowed yet: the look-up finds nobody, and the subscriber sees who looked.
        assertEquals(List.of(), lookup(newcomer, user.identifier()));
        JsonPath seen = given().auth().oauth2(token).get("/api/v1/integrators").then().statusCode(200).extract()
                .jsonPath();
        String entry = "find { it.spId == '" + newcomer.spId() + "' }";
        assertEquals(null, seen.getString(entry + ".decision"));
        org.junit.jupiter.api.Assertions.assertNotNull(seen.getString(entry + ".lastLookupAt"));

        // CSC too: the list is empty and the credential, asked for by id, is unknown to it.
        String csc = CscTest.token(newcomer);
        cscSeesNothing(csc, user);

        // Its requests reach the subscriber, each marked as a first contact until the subscriber decides.
        String first = sign(newcomer, user, "N-1");
        String second = sign(newcomer, user, "N-2");
        given().auth().oauth2(token).get("/api/v1/transactions/" + first).then().statusCode(200)
                .body("firstContact", equalTo(true)).body("requesterId", equalTo(newcomer.spId()));
        // notification-service is told too, so the push and the mail say "first request".
        var requested = vn.kyso.testsupport.TopicReader.awaitRecords(vn.kyso.events.Topics.SIGNATURE_EVENTS,
                r -> first.equals(r.key()) && r.value().contains("\"appName\""), 1, java.time.Duration.ofSeconds(30));
        assertEquals(true, new JsonPath(requested.get(0).value()).getBoolean("firstContact"));
        TransactionTest.approve(user.subscriber(), UUID.fromString(first), SigningTestSupport.PIN, 200);
        given().auth().oauth2(token).get("/api/v1/integrators").then()
                .body(entry + ".decision", equalTo("ALLOWED"));
        given().auth().oauth2(token).get("/api/v1/transactions/" + second).then().statusCode(200)
                .body("firstContact", equalTo(false)).body("requesterId", org.hamcrest.Matchers.nullValue());
        assertEquals(1, lookup(newcomer, user.identifier()).size(), "allowed by the approval");
        given().auth().oauth2(csc).contentType(ContentType.JSON).body(Map.of("userID", user.identifier()))
                .post("/csc/v2/credentials/list").then().statusCode(200)
                .body("credentialIDs", org.hamcrest.Matchers.hasSize(1));
        given().auth().oauth2(token).get("/api/v1/transactions/" + sign(newcomer, user, "N-3")).then()
                .body("firstContact", equalTo(false));

        // Blocking from a first request refuses everything that integrator waits for, and tells it "rejected".
        String pestRef = "P-" + UUID.randomUUID();
        String a = sign(pest, user, pestRef);
        String b = sign(pest, user, "P-2");
        given().auth().oauth2(token).get("/api/v1/transactions/" + a).then().body("firstContact", equalTo(true));
        decide(token, pest.spId(), "BLOCKED").then().statusCode(200);
        for (String tx : List.of(a, b)) {
            given().auth().oauth2(token).get("/api/v1/transactions/" + tx).then().body("status", equalTo("REJECTED"));
        }
        assertEquals("REJECTED", Sp769Test.expect(given().contentType(ContentType.JSON).body("{}")
                .post(Sp769Test.BASE + "/v1/signatures/sign/" + pestRef + "/status"), 200).getString("data.status"));
        // A block is not undone by anything but the subscriber's own decision.
        assertEquals(List.of(), lookup(pest, user.identifier()));
        given().auth().oauth2(token).get("/api/v1/transactions/" + second).then().body("status", equalTo("PENDING"));
    }

    /** A CSC service-scope caller finds no credential of the subscriber, and one named by id is unknown to it. */
    static void cscSeesNothing(String token, Sp769Test.User user) {
        given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("userID", user.identifier()))
                .post("/csc/v2/credentials/list").then().statusCode(200)
                .body("credentialIDs", org.hamcrest.Matchers.empty());
        given().auth().oauth2(token).contentType(ContentType.JSON)
                .body(Map.of("credentialID", user.subscriber().credential().toString()))
                .post("/csc/v2/credentials/info").then().statusCode(400)
                .body("error_description", equalTo("Invalid parameter credentialID"));
    }

    /** An SP769 request from this integrator; its transaction id. */
    private static String sign(Sp769Test.Integrator sp, Sp769Test.User user, String ref) {
        return Sp769Test.expect(Sp769Test.call("/v1/signatures/sign", Sp769Test.signRequest(sp, user, ref,
                List.of(ref.getBytes(java.nio.charset.StandardCharsets.UTF_8)))), 200).getString("data.tran_code");
    }

    private record Response(int status, JsonPath body) {
    }

    /** A sign request and a look-up for this ID number; the sign's answer. */
    private static Response attempt(Sp769Test.Integrator sp, String identifier, String transactionId) {
        Map<String, Object> request = new HashMap<>();
        request.put("sp_id", sp.spId());
        request.put("sp_password", sp.password());
        request.put("user_id", identifier);
        request.put("transaction_id", transactionId);
        request.put("sign_files", List.of(Map.of("data_to_be_signed", "ab".repeat(32), "doc_id", "d", "file_type",
                "xml", "sign_type", "hash")));
        var answer = Sp769Test.call("/v1/signatures/sign", request);
        return new Response(answer.statusCode(), answer.jsonPath());
    }

    private static List<?> lookup(Sp769Test.Integrator sp, String identifier) {
        return Sp769Test.expect(Sp769Test.call("/v1/credentials/get_certificate", Map.of("sp_id", sp.spId(),
                "sp_password", sp.password(), "user_id", identifier, "transaction_id", "L")), 200)
                .getList("data.user_certificates");
    }

    private static io.restassured.response.Response decide(String token, String spId, String decision) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("decision", decision))
                .put("/api/v1/integrators/" + spId + "/consent");
    }
}
