package vn.kyso.signing;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.security.spec.RSAKeyGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import vn.kyso.events.EventTypes;
import vn.kyso.events.Topics;
import vn.kyso.events.certificate.CertificateIssued;
import vn.kyso.events.certificate.CertificateRequestRejected;
import vn.kyso.events.certificate.CertificateRevoked;
import vn.kyso.events.credential.KeyPairActivated;
import vn.kyso.signing.crypto.TestDevice;
import vn.kyso.signing.crypto.TestTsa;
import vn.kyso.testsupport.JwtKeysTestResource;
import vn.kyso.testsupport.KafkaTestResource;
import vn.kyso.testsupport.PostgresTestResource;
import vn.kyso.testsupport.SealingKeysTestResource;
import vn.kyso.testsupport.TestEvents;
import vn.kyso.testsupport.TopicReader;

/** Wizard step 2/4 and the credential's life, over the real broker and database. */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "signing"))
@WithTestResource(JwtKeysTestResource.class)
@WithTestResource(AccountLoginStub.class)
@WithTestResource(TestTsa.class)
@WithTestResource(SealingKeysTestResource.class)
class CredentialTest {

    @Test
    void pinAndDeviceMakeAKeyPairWhoseCsrProvesPossessionAndTheCertificateMakesItUsable() throws Exception {
        UUID account = UUID.randomUUID();
        String token = SigningTestSupport.subscriber(account);
        TestDevice device = new TestDevice();
        UUID credential = SigningTestSupport.create(token, device);

        KeyPairActivated activated = SigningTestSupport.awaitKeyPair(credential, 1);
        assertEquals(account, activated.accountId());
        assertEquals("RSA-2048", activated.keyAlgorithm());
        PublicKey key = TestDevice.csrKey(activated.csr());
        assertEquals("CN=" + account, TestDevice.csrSubject(activated.csr()));
        var registered = TopicReader.awaitRecords(Topics.CREDENTIAL_EVENTS, r -> credential.toString().equals(r.key())
                && EventTypes.CREDENTIAL_REGISTERED.type().equals(SigningTestSupport.header(r, "ce_type")), 1,
                Duration.ofSeconds(30));
        assertTrue(registered.get(0).value().contains("Điện thoại của tôi"));
        TopicReader.readAll(Topics.CREDENTIAL_EVENTS, r -> credential.toString().equals(r.key()))
                .forEach(r -> assertFalse(r.value().contains(SigningTestSupport.PIN), "no PIN in events"));

        given().auth().oauth2(token).get("/api/v1/credentials").then().statusCode(200).body("$", hasSize(1))
                .body("[0].status", equalTo("CERT_PENDING")).body("[0].certificate", nullValue());

        BigInteger serial = new BigInteger(64, new java.security.SecureRandom()).setBit(63);
        String hex = serial.toString(16).toUpperCase();
        TestEvents.publish(EventTypes.CERTIFICATE_ISSUED, hex, new CertificateIssued(account, credential, hex,
                TestDevice.certificateFor(key, serial), List.of(), Instant.now(), Instant.now().plusSeconds(3600),
                Instant.now()));
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> "ACTIVE".equals(given().auth().oauth2(token)
                .get("/api/v1/credentials/" + credential).then().extract().path("status")));
        given().auth().oauth2(token).get("/api/v1/credentials").then().statusCode(200)
                .body("[0].serialNumber", equalTo(hex))
                .body("[0].certificate", containsString("-----BEGIN CERTIFICATE-----"))
                .body("[0].keyAlgorithm", equalTo("RSA-2048")).body("[0].pinLocked", equalTo(false));

        SigningTestSupport.create(token, SigningTestSupport.PIN, SigningTestSupport.PIN, "second", device.publicKey())
                .then().statusCode(409).contentType("application/problem+json")
                .body("code", equalTo("CREDENTIAL_EXISTS"));

        TestEvents.publish(EventTypes.CERTIFICATE_REVOKED, hex,
                new CertificateRevoked(account, credential, hex, "keyCompromise", Instant.now()));
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> "REVOKED".equals(given().auth().oauth2(token)
                .get("/api/v1/credentials/" + credential).then().extract().path("status")));
    }

    @Test
    void aCertificateForAnotherKeyIsRejectedAndLoggedAsASecurityEvent() throws Exception {
        UUID account = UUID.randomUUID();
        String token = SigningTestSupport.subscriber(account);
        UUID credential = SigningTestSupport.create(token, new TestDevice());
        SigningTestSupport.awaitKeyPair(credential, 1);
        PublicKey stranger = TestDevice.generate("RSA", new RSAKeyGenParameterSpec(2048, RSAKeyGenParameterSpec.F4))
                .getPublic();
        String eventId = TestEvents.publish(EventTypes.CERTIFICATE_ISSUED, "AB12", new CertificateIssued(account,
                credential, "AB12", TestDevice.certificateFor(stranger, BigInteger.valueOf(0xAB12)), List.of(),
                Instant.now(), Instant.now().plusSeconds(60), Instant.now()));

        Path log = Path.of("target/signing-service-test.log");
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> Files.readString(log)
                .contains("SECURITY: certificate AB12 announced for credential " + credential));
        given().auth().oauth2(token).get("/api/v1/credentials/" + credential).then().statusCode(200)
                .body("status", equalTo("CERT_PENDING")).body("certificate", nullValue());
        assertNotEquals(null, eventId);
    }

    @Test
    void aRefusedCertificateRequestFailsTheCredentialAndANewOneMayBeCreated() {
        UUID account = UUID.randomUUID();
        String token = SigningTestSupport.subscriber(account);
        UUID credential = SigningTestSupport.create(token, new TestDevice());
        TestEvents.publish(EventTypes.CERTIFICATE_REQUEST_REJECTED, credential,
                new CertificateRequestRejected(account, credential, "CSR_WEAK_KEY", Instant.now()));
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> "FAILED".equals(given().auth().oauth2(token)
                .get("/api/v1/credentials/" + credential).then().extract().path("status")));
        given().auth().oauth2(token).get("/api/v1/credentials/" + credential).then()
                .body("failureReason", equalTo("CSR_WEAK_KEY"));
        UUID second = SigningTestSupport.create(token, new TestDevice());
        assertNotEquals(credential, second);
    }

    @Test
    void badPinsAndDeviceKeysAreRefusedAndCreateNothing() {
        UUID account = UUID.randomUUID();
        String token = SigningTestSupport.subscriber(account);
        String device = new TestDevice().publicKey();
        String rsa = java.util.Base64.getEncoder().encodeToString(TestDevice.generate("RSA",
                new RSAKeyGenParameterSpec(2048, RSAKeyGenParameterSpec.F4)).getPublic().getEncoded());
        String p384 = java.util.Base64.getEncoder().encodeToString(TestDevice.generate("EC",
                new java.security.spec.ECGenParameterSpec("secp384r1")).getPublic().getEncoded());
        invalid(SigningTestSupport.create(token, "123456", "123456", "phone", device), "pin");
        invalid(SigningTestSupport.create(token, "654321", "654321", "phone", device), "pin");
        invalid(SigningTestSupport.create(token, "111111", "111111", "phone", device), "pin");
        invalid(SigningTestSupport.create(token, "24681", "24681", "phone", device), "pin");
        invalid(SigningTestSupport.create(token, "246813", "246814", "phone", device), "confirmPin");
        invalid(SigningTestSupport.create(token, "246813", "246813", "phone", rsa), "devicePublicKey");
        invalid(SigningTestSupport.create(token, "246813", "246813", "phone", p384), "devicePublicKey");
        invalid(SigningTestSupport.create(token, "246813", "246813", "phone", "%%%"), "devicePublicKey");
        invalid(SigningTestSupport.create(token, "246813", "246813", " ", device), "deviceName");
        given().auth().oauth2(token).contentType(ContentType.JSON).body("{\"pin\":246813}").post("/api/v1/credentials")
                .then().statusCode(400).body("code", equalTo("MALFORMED_REQUEST"));
        given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("pin", "246813", "extra", "x"))
                .post("/api/v1/credentials").then().statusCode(400).body("code", equalTo("MALFORMED_REQUEST"));
        given().auth().oauth2(token).get("/api/v1/credentials").then().statusCode(200).body("$", hasSize(0));
    }

    @Test
    void onlyTheOwningSubscriberSeesOrUsesACredential() {
        UUID owner = UUID.randomUUID();
        UUID credential = SigningTestSupport.create(SigningTestSupport.subscriber(owner), new TestDevice());
        String other = SigningTestSupport.subscriber(UUID.randomUUID());
        given().auth().oauth2(other).get("/api/v1/credentials/" + credential).then().statusCode(404)
                .body("code", equalTo("CREDENTIAL_NOT_FOUND"));
        given().auth().oauth2(other).post("/api/v1/credentials/" + credential + "/challenge").then().statusCode(404);
        given().auth().oauth2(other).get("/api/v1/credentials").then().statusCode(200).body("$", hasSize(0));
        given().get("/api/v1/credentials").then().statusCode(401).contentType("application/problem+json");
        given().auth().oauth2(SigningTestSupport.operator()).get("/api/v1/credentials").then().statusCode(403);
        given().auth().oauth2(other).get("/api/v1/credentials/not-a-uuid").then().statusCode(404);
    }

    @Test
    void fiveWrongPinsLockTheCredentialUntilTheDeviceBackedResetGivesItANewKey() throws Exception {
        UUID account = UUID.randomUUID();
        String token = SigningTestSupport.subscriber(account);
        TestDevice device = new TestDevice();
        UUID credential = SigningTestSupport.create(token, device);
        PublicKey firstKey = TestDevice.csrKey(SigningTestSupport.awaitKeyPair(credential, 1).csr());

        String challenge = SigningTestSupport.challenge(token, credential);
        changePin(token, credential, "246813", challenge, new TestDevice().sign(challenge)).then().statusCode(401)
                .body("code", equalTo("DEVICE_PROOF_INVALID"));
        changePin(token, credential, "246813", challenge, device.sign(challenge)).then().statusCode(400)
                .body("code", equalTo("CHALLENGE_INVALID"));

        for (int attempt = 1; attempt <= 4; attempt++) {
            String c = SigningTestSupport.challenge(token, credential);
            changePin(token, credential, "975310", c, device.sign(c)).then().statusCode(400)
                    .body("code", equalTo("PIN_INVALID"))
                    .body("detail", containsString((5 - attempt) + " attempt(s) left"));
        }
        String fifth = SigningTestSupport.challenge(token, credential);
        changePin(token, credential, "975310", fifth, device.sign(fifth)).then().statusCode(423)
                .body("code", equalTo("PIN_LOCKED"));
        String right = SigningTestSupport.challenge(token, credential);
        changePin(token, credential, SigningTestSupport.PIN, right, device.sign(right)).then().statusCode(423);
        given().auth().oauth2(token).get("/api/v1/credentials/" + credential).then().body("pinLocked", equalTo(true));

        String reset = SigningTestSupport.challenge(token, credential);
        given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("newPin", "135792", "confirmPin",
                "135792", "challenge", reset, "deviceSignature", device.sign(reset)))
                .post("/api/v1/credentials/" + credential + "/reset").then().statusCode(202)
                .body("status", equalTo("CERT_PENDING"));
        PublicKey secondKey = TestDevice.csrKey(SigningTestSupport.awaitKeyPair(credential, 2).csr());
        assertFalse(java.util.Arrays.equals(firstKey.getEncoded(), secondKey.getEncoded()), "a new key pair");
        given().auth().oauth2(token).get("/api/v1/credentials/" + credential).then().body("pinLocked", equalTo(false));

        String change = SigningTestSupport.challenge(token, credential);
        changePin(token, credential, "135792", change, device.sign(change)).then().statusCode(204);
        String old = SigningTestSupport.challenge(token, credential);
        changePin(token, credential, "135792", old, device.sign(old)).then().statusCode(400)
                .body("code", equalTo("PIN_INVALID"));

        // The owner is told of each (notification-service mails them): one lock, a reset, a change; no PIN in them.
        var locked = TopicReader.awaitRecords(Topics.CREDENTIAL_EVENTS, r -> credential.toString().equals(r.key())
                && EventTypes.PIN_LOCKED.type().equals(SigningTestSupport.header(r, "ce_type")), 1,
                Duration.ofSeconds(30));
        assertTrue(locked.get(0).value().contains("\"failures\":5"), locked.get(0).value());
        var changed = TopicReader.awaitRecords(Topics.CREDENTIAL_EVENTS, r -> credential.toString().equals(r.key())
                && EventTypes.PIN_CHANGED.type().equals(SigningTestSupport.header(r, "ce_type")), 2,
                Duration.ofSeconds(30));
        assertEquals(List.of("RESET", "CHANGED"), changed.stream().map(r -> r.value().replaceAll(
                ".*\"how\":\"([A-Z]+)\".*", "$1")).toList());
        assertEquals(1, TopicReader.readAll(Topics.CREDENTIAL_EVENTS, r -> credential.toString().equals(r.key())
                && EventTypes.PIN_LOCKED.type().equals(SigningTestSupport.header(r, "ce_type"))).size(),
                "a locked credential is not announced again");
        TopicReader.readAll(Topics.CREDENTIAL_EVENTS, r -> credential.toString().equals(r.key()))
                .forEach(r -> assertFalse(r.value().contains("135792") || r.value().contains("975310"), "no PIN"));
    }

    private static io.restassured.response.Response changePin(String token, UUID credential, String currentPin,
            String challenge, String signature) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("currentPin", currentPin,
                "newPin", "864209", "confirmPin", "864209", "challenge", challenge, "deviceSignature", signature))
                .post("/api/v1/credentials/" + credential + "/pin");
    }

    private static void invalid(io.restassured.response.Response response, String field) {
        response.then().statusCode(400).contentType("application/problem+json")
                .body("code", equalTo("VALIDATION_FAILED")).body("errors.field", hasItem(field))
                .body("detail", not(containsString("Exception")));
    }
}
