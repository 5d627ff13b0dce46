package vn.kyso.signing;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import vn.kyso.events.EventTypes;
import vn.kyso.events.certificate.CertificateIssued;
import vn.kyso.events.certificate.CertificateRevoked;
import vn.kyso.signing.crypto.TestDevice;
import vn.kyso.signing.crypto.TestTsa;
import vn.kyso.testsupport.JwtKeysTestResource;
import vn.kyso.testsupport.KafkaTestResource;
import vn.kyso.testsupport.PostgresTestResource;
import vn.kyso.testsupport.SealingKeysTestResource;
import vn.kyso.testsupport.TestEvents;

/**
 * Issue 21 §2: renewal opens 30 days before expiry, makes a new key pair under the same PIN, keeps the old certificate
 * signing until the new one arrives (even when the old one's supersession arrives first), then signs with the new key.
 */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "signing"))
@WithTestResource(JwtKeysTestResource.class)
@WithTestResource(AccountLoginStub.class)
@WithTestResource(TestTsa.class)
@WithTestResource(SealingKeysTestResource.class)
class CertificateRenewalTest {

    @Inject
    TestClock clock;

    @AfterEach
    void realTime() {
        clock.reset();
    }

    @Test
    void renewalInTheLastDaysGivesANewKeyAndCertificateUnderTheSamePin() throws Exception {
        UUID account = UUID.randomUUID();
        String token = SigningTestSupport.subscriber(account);
        TestDevice device = new TestDevice();
        UUID credential = SigningTestSupport.create(token, device);
        PublicKey first = SigningTestSupport.activate(account, token, credential);
        String credentialPath = "/api/v1/credentials/" + credential;
        String oldSerial = given().auth().oauth2(token).get(credentialPath).then()
                .body("renewal.opensAt", notNullValue()).body("renewal.requestedAt", nullValue())
                .extract().path("serialNumber");

        // A year-long certificate is not renewable yet.
        renew(token, credential, device, SigningTestSupport.PIN).then().statusCode(409)
                .contentType("application/problem+json").body("code", equalTo("RENEWAL_NOT_OPEN"));
        clock.advance(Duration.ofDays(340));
        renew(token, credential, device, "975310").then().statusCode(400).body("code", equalTo("PIN_INVALID"));
        renew(token, credential, device, SigningTestSupport.PIN).then().statusCode(202)
                .body("status", equalTo("ACTIVE"));
        renew(token, credential, device, SigningTestSupport.PIN).then().statusCode(409)
                .body("code", equalTo("RENEWAL_PENDING"));
        PublicKey second = TestDevice.csrKey(SigningTestSupport.awaitKeyPair(credential, 2).csr());
        assertFalse(java.util.Arrays.equals(first.getEncoded(), second.getEncoded()), "a new key pair");
        given().auth().oauth2(token).get(credentialPath).then().body("status", equalTo("ACTIVE"))
                .body("serialNumber", equalTo(oldSerial)).body("renewal.requestedAt", notNullValue());
        assertTrue(signs(account, token, device, credential, first), "the old key signs until the new certificate");

        // ca-service supersedes the old certificate as it issues the new one; that may be read first: a pause only.
        TestEvents.publish(EventTypes.CERTIFICATE_REVOKED, oldSerial, new CertificateRevoked(account, credential,
                oldSerial, "superseded", Instant.now()));
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> "CERT_PENDING".equals(
                given().auth().oauth2(token).get(credentialPath).then().extract().path("status")));
        String newSerial = new BigInteger(64, new SecureRandom()).setBit(63).toString(16).toUpperCase();
        TestEvents.publish(EventTypes.CERTIFICATE_ISSUED, newSerial, new CertificateIssued(account, credential,
                newSerial, TestDevice.certificateFor(second, new BigInteger(newSerial, 16)), List.of(), Instant.now(),
                Instant.now().plus(Duration.ofDays(365)), Instant.now()));
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> newSerial.equals(
                given().auth().oauth2(token).get(credentialPath).then().extract().path("serialNumber")));
        given().auth().oauth2(token).get(credentialPath).then().body("status", equalTo("ACTIVE"))
                .body("renewal.requestedAt", nullValue());
        // The same PIN opens the new key; the signature verifies with it, not with the old one.
        assertTrue(signs(account, token, device, credential, second), "the new key signs under the same PIN");
    }

    @Test
    void anExpiryThatPassesUnrenewedLeavesTheCredentialExpiredAndRenewalBringsItBack() throws Exception {
        UUID account = UUID.randomUUID();
        String token = SigningTestSupport.subscriber(account);
        TestDevice device = new TestDevice();
        UUID credential = SigningTestSupport.create(token, device);
        SigningTestSupport.activate(account, token, credential);
        String credentialPath = "/api/v1/credentials/" + credential;

        clock.advance(Duration.ofDays(366));
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> "EXPIRED".equals(
                given().auth().oauth2(token).get(credentialPath).then().extract().path("status")));
        // Nothing signs with it (a clear refusal, not a failure), and its key and PIN are intact.
        given().auth().oauth2(SigningTestSupport.operator()).contentType(ContentType.JSON)
                .body(Map.of("accountId", account.toString(), "appName", "Hóa đơn ABC", "description", "x",
                        "items", List.of(Map.of("docId", "d", "fileName", "a.xml", "digest",
                                Base64.getEncoder().encodeToString(new byte[32])))))
                .post("/internal/v1/transactions").then().statusCode(409)
                .body("code", equalTo("NO_USABLE_CREDENTIAL"));

        renew(token, credential, device, SigningTestSupport.PIN).then().statusCode(202)
                .body("status", equalTo("EXPIRED"));
        PublicKey renewed = TestDevice.csrKey(SigningTestSupport.awaitKeyPair(credential, 2).csr());
        // The stand-in CA's certificate runs a year from real time: back to real time first, so the sweep sees it
        // current whenever it runs.
        clock.reset();
        String serial = new BigInteger(64, new SecureRandom()).setBit(63).toString(16).toUpperCase();
        TestEvents.publish(EventTypes.CERTIFICATE_ISSUED, serial, new CertificateIssued(account, credential, serial,
                TestDevice.certificateFor(renewed, new BigInteger(serial, 16)), List.of(), Instant.now(),
                Instant.now().plus(Duration.ofDays(365)), Instant.now()));
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> "ACTIVE".equals(
                given().auth().oauth2(token).get(credentialPath).then().extract().path("status")));
        assertTrue(signs(account, token, device, credential, renewed), "signs again, with the new key");
    }

    private static io.restassured.response.Response renew(String token, UUID credential, TestDevice device,
            String pin) {
        String challenge = SigningTestSupport.challenge(token, credential);
        return given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("pin", pin, "challenge",
                challenge, "deviceSignature", device.sign(challenge))).post("/api/v1/credentials/" + credential
                + "/renew");
    }

    private static boolean signs(UUID account, String token, TestDevice device, UUID credential, PublicKey key)
            throws Exception {
        byte[] document = ("gia hạn " + UUID.randomUUID()).getBytes(StandardCharsets.UTF_8);
        UUID tx = TransactionTest.request(account, List.of(document), 300);
        var signed = TransactionTest.approve(new TransactionTest.Subscriber(account, token, device, credential, key),
                tx, SigningTestSupport.PIN, 200);
        assertEquals("SIGNED", signed.getString("status"));
        Signature verifier = Signature.getInstance(key.getAlgorithm().equals("EC") ? "SHA256withECDSA"
                : "SHA256withRSA");
        verifier.initVerify(key);
        verifier.update(document);
        return verifier.verify(Base64.getDecoder().decode(signed.getList("items.signature").get(0).toString()));
    }
}
