package vn.kyso.signing;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.security.Signature;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import vn.kyso.signing.crypto.TestDevice;
import vn.kyso.signing.crypto.TestPasskey;
import vn.kyso.signing.crypto.TestTsa;
import vn.kyso.testsupport.JwtKeysTestResource;
import vn.kyso.testsupport.KafkaTestResource;
import vn.kyso.testsupport.PostgresTestResource;
import vn.kyso.testsupport.SealingKeysTestResource;

/**
 * A WebAuthn passkey (platform authenticator, user verification) as the bound device: registered at step 2/4 over a
 * single-use challenge, then asserted with the PIN on every approval; without user verification, from another origin
 * or as a raw device signature, nothing is registered or signed.
 */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "signing"))
@WithTestResource(JwtKeysTestResource.class)
@WithTestResource(AccountLoginStub.class)
@WithTestResource(TestTsa.class)
@WithTestResource(SealingKeysTestResource.class)
class PasskeyTest {

    @Test
    void aPasskeyRegisteredWithUserVerificationApprovesAndNothingElseDoes() throws Exception {
        UUID account = UUID.randomUUID();
        String token = SigningTestSupport.subscriber(account);
        TestPasskey passkey = new TestPasskey();

        String refused = options(token);
        create(token, passkey.register(refused, false)).then().statusCode(401)
                .contentType("application/problem+json").body("code", equalTo("DEVICE_PROOF_INVALID"));
        create(token, passkey.register(refused, true)).then().statusCode(400).body("code",
                equalTo("CHALLENGE_INVALID"));
        create(token, new TestPasskey("localhost", "https://evil.example").register(options(token), true)).then()
                .statusCode(401).body("code", equalTo("DEVICE_PROOF_INVALID"));
        given().auth().oauth2(token).get("/api/v1/credentials").then().statusCode(200).body("$", hasSize(0));
        create(token, passkey.register(options(SigningTestSupport.subscriber(UUID.randomUUID())), true)).then()
                .statusCode(400).body("code", equalTo("CHALLENGE_INVALID"));

        UUID credential = UUID.fromString(create(token, passkey.register(options(token), true)).then().statusCode(202)
                .extract().path("credentialId"));
        given().auth().oauth2(token).get("/api/v1/credentials/" + credential).then().statusCode(200)
                .body("deviceKind", equalTo("PASSKEY")).body("passkeyId", equalTo(passkey.assertion("x", true)
                        .get("credentialId")));
        PublicKey key = SigningTestSupport.activate(account, token, credential);

        byte[] document = "hợp đồng".getBytes(StandardCharsets.UTF_8);
        UUID tx = TransactionTest.request(account, List.of(document), 300);
        String challenge = challenge(token, tx);
        confirm(token, tx, Map.of("pin", SigningTestSupport.PIN, "challenge", challenge, "deviceSignature",
                new TestDevice().sign(challenge))).then().statusCode(401).body("code", equalTo("DEVICE_PROOF_INVALID"));
        challenge = challenge(token, tx);
        confirm(token, tx, Map.of("pin", SigningTestSupport.PIN, "challenge", challenge, "passkey",
                passkey.assertion(challenge, false))).then().statusCode(401).body("code",
                        equalTo("DEVICE_PROOF_INVALID"));
        challenge = challenge(token, tx);
        confirm(token, tx, Map.of("pin", SigningTestSupport.PIN, "challenge", challenge, "passkey",
                passkey.assertion(challenge, true, "https://evil.example"))).then().statusCode(401);
        String other = challenge(token, tx);
        confirm(token, tx, Map.of("pin", SigningTestSupport.PIN, "challenge", challenge(token, tx), "passkey",
                passkey.assertion(other, true))).then().statusCode(401);
        given().auth().oauth2(token).get("/api/v1/transactions/" + tx).then().body("status", equalTo("PENDING"))
                .body("items[0].signature", equalTo(null));

        challenge = challenge(token, tx);
        Map<String, Object> approval = new HashMap<>(Map.of("pin", SigningTestSupport.PIN, "challenge", challenge,
                "passkey", passkey.assertion(challenge, true)));
        String signature = confirm(token, tx, approval).then().statusCode(200).body("status", equalTo("SIGNED"))
                .extract().path("items[0].signature");
        Signature verifier = Signature.getInstance("SHA256withRSA");
        verifier.initVerify(key);
        verifier.update(document);
        assertTrue(verifier.verify(Base64.getDecoder().decode(signature)), "signed with the subscriber's key");

        // Rejection needs the passkey too; a replayed assertion is refused with its challenge.
        UUID second = TransactionTest.request(account, List.of(document), 300);
        confirm(token, second, approval).then().statusCode(400);
        String rejectChallenge = challenge(token, second);
        given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("challenge", rejectChallenge,
                "passkey", passkey.assertion(rejectChallenge, true))).post("/api/v1/transactions/" + second
                        + "/reject").then().statusCode(200).body("status", equalTo("REJECTED"));
    }

    @Test
    void theOptionsAskForAPlatformPasskeyWithUserVerification() {
        String token = SigningTestSupport.subscriber(UUID.randomUUID());
        given().auth().oauth2(token).post("/api/v1/credentials/passkey-options").then().statusCode(200)
                .body("rp.id", equalTo("localhost")).body("attestation", equalTo("none"))
                .body("authenticatorSelection.userVerification", equalTo("required"))
                .body("authenticatorSelection.authenticatorAttachment", equalTo("platform"))
                .body("pubKeyCredParams.alg", equalTo(List.of(-7, -257)));
        given().post("/api/v1/credentials/passkey-options").then().statusCode(401);
        given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("pin", SigningTestSupport.PIN,
                "confirmPin", SigningTestSupport.PIN, "deviceName", "x", "devicePublicKey", new TestDevice()
                        .publicKey(), "passkey", Map.of("challenge", "c", "attestationObject", "a",
                                "clientDataJSON", "d"))).post("/api/v1/credentials").then().statusCode(400)
                .body("errors.field", org.hamcrest.Matchers.hasItem("devicePublicKey"));
    }

    private static String options(String token) {
        return given().auth().oauth2(token).post("/api/v1/credentials/passkey-options").then().statusCode(200)
                .extract().path("challenge");
    }

    private static io.restassured.response.Response create(String token, Map<String, String> passkey) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("pin", SigningTestSupport.PIN,
                "confirmPin", SigningTestSupport.PIN, "deviceName", "Chromium", "passkey", passkey))
                .post("/api/v1/credentials");
    }

    private static String challenge(String token, UUID tx) {
        return given().auth().oauth2(token).get("/api/v1/transactions/" + tx).then().statusCode(200).extract()
                .path("challenge");
    }

    private static io.restassured.response.Response confirm(String token, UUID tx, Map<String, Object> body) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).body(body)
                .post("/api/v1/transactions/" + tx + "/confirm");
    }
}
