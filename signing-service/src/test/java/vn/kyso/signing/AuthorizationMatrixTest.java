package vn.kyso.signing;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.hasItem;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.smallrye.jwt.build.Jwt;
import vn.kyso.signing.crypto.TestTsa;
import vn.kyso.testsupport.JwtKeysTestResource;
import vn.kyso.testsupport.KafkaTestResource;
import vn.kyso.testsupport.PostgresTestResource;
import vn.kyso.testsupport.SealingKeysTestResource;

/**
 * Who may touch a signing transaction: its subscriber (not another), the SP or service that asked (not another), never
 * an expired or foreign token. Every refusal changes nothing.
 */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "signing"))
@WithTestResource(JwtKeysTestResource.class)
@WithTestResource(AccountLoginStub.class)
@WithTestResource(TestTsa.class)
@WithTestResource(SealingKeysTestResource.class)
class AuthorizationMatrixTest {

    @Test
    void subscribersTokensAndIntegratorsOnlyReachTheirOwnTransactions() throws Exception {
        Sp769Test.Integrator spX = Sp769Test.integrator();
        Sp769Test.Integrator spY = Sp769Test.integrator();
        Sp769Test.User a = Sp769Test.user();
        Sp769Test.User b = Sp769Test.user();
        String spTx = "X-" + UUID.randomUUID();
        String tx = Sp769Test.expect(Sp769Test.call("/v1/signatures/sign", Sp769Test.signRequest(spX, a, spTx,
                List.of(new byte[] {1, 2, 3}))), 200).getString("data.tran_code");

        // Subscriber B sees nothing of A's transaction and cannot act on it.
        String bToken = b.subscriber().token();
        given().auth().oauth2(bToken).get("/api/v1/transactions/" + tx).then().statusCode(404);
        given().auth().oauth2(bToken).get("/api/v1/transactions/" + tx + "/document").then().statusCode(404);
        given().auth().oauth2(bToken).contentType(ContentType.JSON).body(Map.of("pin", SigningTestSupport.PIN,
                "challenge", "x", "deviceSignature", "x")).post("/api/v1/transactions/" + tx + "/confirm").then()
                .statusCode(404);
        given().auth().oauth2(bToken).contentType(ContentType.JSON).body(Map.of("challenge", "x",
                "deviceSignature", "x")).post("/api/v1/transactions/" + tx + "/reject").then().statusCode(404);
        given().auth().oauth2(bToken).get("/api/v1/transactions").then().statusCode(200)
                .body("id", not(hasItem(tx)));

        // Expired, foreign-issuer and unsigned tokens are refused; roles are checked per API.
        String expired = Jwt.issuer("https://kyso.vn/account").audience("kyso").subject(a.subscriber().account().toString())
                .groups("subscriber").issuedAt(Instant.now().minusSeconds(7200))
                .expiresAt(Instant.now().minusSeconds(3600)).sign();
        given().auth().oauth2(expired).get("/api/v1/transactions").then().statusCode(401);
        String foreign = Jwt.issuer("https://evil.example").audience("kyso").subject(a.subscriber().account().toString())
                .groups("subscriber").sign();
        given().auth().oauth2(foreign).get("/api/v1/transactions").then().statusCode(401);
        given().get("/api/v1/transactions").then().statusCode(401);
        given().auth().oauth2(a.subscriber().token()).contentType(ContentType.JSON).body(Map.of())
                .post("/internal/v1/transactions").then().statusCode(403);
        given().auth().oauth2(a.subscriber().token()).get("/api/v1/audit/verify").then().statusCode(403);
        given().auth().oauth2(SigningTestSupport.operator()).get("/api/v1/transactions").then().statusCode(403);
        given().auth().oauth2(a.subscriber().token()).get("/internal/v1/transactions/" + tx).then().statusCode(403);
        given().auth().oauth2(DocumentSigningTest.service("activation-service")).get("/internal/v1/transactions/" + tx)
                .then().statusCode(404);

        // SP Y cannot confirm or check SP X's transaction, nor look it up under its own id space.
        Sp769Test.expect(Sp769Test.call("/v2/signatures/confirm", Map.of("sp_id", spY.spId(), "sp_password",
                spY.password(), "user_id", a.identifier(), "password", "x", "transaction_id", tx, "sad", "x.y.z")), 404);
        Sp769Test.expect(Sp769Test.call("/v1/signatures/sign/" + spTx + "/status", Map.of("sp_id", spY.spId())), 404);
        Sp769Test.expect(Sp769Test.call("/v1/signatures/sign/" + spTx + "/status", Map.of("sp_id", spX.spId(),
                "sp_password", "wrong")), 401);
        Sp769Test.allow(spX, a);
        String xToken = CscTest.token(spX);
        String handle = CscTest.csc(xToken, "/credentials/authorize", Map.of("credentialID", a.subscriber()
                .credential().toString(), "numSignatures", 1, "hashes", List.of(CscTest.b64(Sp769Test.sha256(
                new byte[] {9}))), "hashAlgorithmOID", CscTest.SHA256)).then().statusCode(202).extract()
                .path("handle");
        CscTest.error(CscTest.csc(CscTest.token(spY), "/credentials/authorizeCheck", Map.of("handle", handle)), 400,
                "invalid_request");
        // A CSC transaction is not an SP769 one either.
        Sp769Test.expect(given().post("/sca/sp769/v1/signatures/sign/" + handle + "/status"), 404);

        // Nothing above changed A's transaction.
        given().auth().oauth2(a.subscriber().token()).get("/api/v1/transactions/" + tx).then().statusCode(200)
                .body("status", org.hamcrest.Matchers.equalTo("PENDING"));
    }
}
