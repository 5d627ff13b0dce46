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
import vn.kyso.testsupport.JwtKeysTestResource;
import vn.kyso.testsupport.KafkaTestResource;
import vn.kyso.testsupport.PostgresTestResource;

/**
 * Issue 21 §4: a subscriber lists the integrators that asked and blocks one — it then meets the subscriber as an
 * unknown ID number (look-ups and requests alike, in SP769's own words) until allowed again; others are not affected.
 */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "signing"))
@WithTestResource(JwtKeysTestResource.class)
@WithTestResource(AccountLoginStub.class)
@WithTestResource(vn.kyso.signing.crypto.TestTsa.class)
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
