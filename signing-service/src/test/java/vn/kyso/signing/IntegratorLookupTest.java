package vn.kyso.signing;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import vn.kyso.testsupport.InSession;
import vn.kyso.testsupport.JwtKeysTestResource;
import vn.kyso.testsupport.KafkaTestResource;
import vn.kyso.testsupport.PostgresTestResource;

/**
 * Issue 18: an integrator could look up any subscriber's certificate (name, province, ID number) by ID number. Under
 * {@code CONSENTING} it sees only subscribers who accepted it; the others answer exactly as unknown ones.
 */
@QuarkusTest
@TestProfile(IntegratorLookupTest.Consenting.class)
@WithTestResource(KafkaTestResource.class)
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "signing"))
@WithTestResource(JwtKeysTestResource.class)
@WithTestResource(AccountLoginStub.class)
class IntegratorLookupTest {

    /** The look-up limited to consenting subscribers. */
    public static class Consenting implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("kyso.signing.integrator-lookup.mode", "CONSENTING");
        }
    }

    @Test
    void anIntegratorSeesOnlySubscribersWhoAcceptedIt() throws Exception {
        Sp769Test.Integrator accepted = Sp769Test.integrator();
        Sp769Test.Integrator stranger = Sp769Test.integrator();
        Sp769Test.User user = Sp769Test.user();
        consent(user.subscriber().account(), UUID.fromString(accepted.spId()));

        Map<String, Object> lookup = Map.of("user_id", user.identifier(), "transaction_id", "LOOKUP");
        List<?> seen = Sp769Test.expect(Sp769Test.call("/v1/credentials/get_certificate", with(accepted, lookup)), 200)
                .getList("data.user_certificates");
        assertEquals(1, seen.size());
        List<?> hidden = Sp769Test.expect(Sp769Test.call("/v1/credentials/get_certificate", with(stranger, lookup)),
                200).getList("data.user_certificates");
        List<?> unknown = Sp769Test.expect(Sp769Test.call("/v1/credentials/get_certificate", with(stranger,
                Map.of("user_id", "000000000001", "transaction_id", "LOOKUP"))), 200).getList("data.user_certificates");
        assertEquals(List.of(), hidden, "nothing of a subscriber who did not accept this integrator");
        assertEquals(unknown, hidden, "answered as an unknown ID number");

        // CSC: the list is empty and the credential, asked for by id, is unknown to the stranger.
        String token = CscTest.token(stranger);
        given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("userID", user.identifier()))
                .post("/csc/v2/credentials/list").then().statusCode(200)
                .body("credentialIDs", org.hamcrest.Matchers.empty());
        given().auth().oauth2(token).contentType(ContentType.JSON)
                .body(Map.of("credentialID", user.subscriber().credential().toString()))
                .post("/csc/v2/credentials/info").then().statusCode(400)
                .body("error_description", org.hamcrest.Matchers.equalTo("Invalid parameter credentialID"));
        given().auth().oauth2(CscTest.token(accepted)).contentType(ContentType.JSON)
                .body(Map.of("userID", user.identifier())).post("/csc/v2/credentials/list").then().statusCode(200)
                .body("credentialIDs", org.hamcrest.Matchers.hasSize(1));
    }

    private static Map<String, Object> with(Sp769Test.Integrator sp, Map<String, Object> body) {
        Map<String, Object> request = new java.util.LinkedHashMap<>(body);
        request.put("sp_id", sp.spId());
        request.put("sp_password", sp.password());
        return request;
    }

    private static void consent(UUID account, UUID sp) {
        InSession.await(() -> Panache.withTransaction(() -> Panache.getSession().chain(s -> s.createNativeQuery(
                "insert into integrator_consent (account_id, sp_id, granted_at) values (:a, :s, now())")
                .setParameter("a", account).setParameter("s", sp).executeUpdate())));
    }
}
