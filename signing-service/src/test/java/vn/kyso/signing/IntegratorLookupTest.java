package vn.kyso.signing;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import vn.kyso.testsupport.JwtKeysTestResource;
import vn.kyso.testsupport.KafkaTestResource;
import vn.kyso.testsupport.PostgresTestResource;

/**
 * Issue 18 and 21 §4 under {@code ANY_SUBSCRIBER} (SmartCA's own behaviour, a deployment's choice): any integrator
 * looks up any subscriber who has not blocked it, and one who blocked it answers exactly as an unknown one. The
 * default ({@code CONSENTING}) is {@link IntegratorConsentTest}'s.
 */
@QuarkusTest
@TestProfile(IntegratorLookupTest.AnySubscriber.class)
@WithTestResource(KafkaTestResource.class)
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "signing"))
@WithTestResource(JwtKeysTestResource.class)
@WithTestResource(AccountLoginStub.class)
class IntegratorLookupTest {

    /** The look-up open to every subscriber who has not blocked the integrator. */
    public static class AnySubscriber implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("kyso.signing.integrator-lookup.mode", "ANY_SUBSCRIBER");
        }
    }

    @Test
    void anyIntegratorSeesTheSubscriberUntilBlocked() throws Exception {
        Sp769Test.Integrator stranger = Sp769Test.integrator();
        Sp769Test.User user = Sp769Test.user();

        Map<String, Object> lookup = Map.of("user_id", user.identifier(), "transaction_id", "LOOKUP");
        List<?> seen = Sp769Test.expect(Sp769Test.call("/v1/credentials/get_certificate", with(stranger, lookup)), 200)
                .getList("data.user_certificates");
        assertEquals(1, seen.size());
        String token = CscTest.token(stranger);
        given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("userID", user.identifier()))
                .post("/csc/v2/credentials/list").then().statusCode(200)
                .body("credentialIDs", org.hamcrest.Matchers.hasSize(1));

        given().auth().oauth2(user.subscriber().token()).contentType(ContentType.JSON)
                .body(Map.of("decision", "BLOCKED")).put("/api/v1/integrators/" + stranger.spId() + "/consent")
                .then().statusCode(200);
        List<?> hidden = Sp769Test.expect(Sp769Test.call("/v1/credentials/get_certificate", with(stranger, lookup)),
                200).getList("data.user_certificates");
        List<?> unknown = Sp769Test.expect(Sp769Test.call("/v1/credentials/get_certificate", with(stranger,
                Map.of("user_id", "000000000001", "transaction_id", "LOOKUP"))), 200).getList("data.user_certificates");
        assertEquals(List.of(), hidden, "nothing of a subscriber who blocked this integrator");
        assertEquals(unknown, hidden, "answered as an unknown ID number");
        IntegratorConsentTest.cscSeesNothing(token, user);
    }

    private static Map<String, Object> with(Sp769Test.Integrator sp, Map<String, Object> body) {
        Map<String, Object> request = new java.util.LinkedHashMap<>(body);
        request.put("sp_id", sp.spId());
        request.put("sp_password", sp.password());
        return request;
    }
}
