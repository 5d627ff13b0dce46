package vn.kyso.signing;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.security.PublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledIf;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import vn.kyso.events.EventTypes;
import vn.kyso.events.certificate.CertificateIssued;
import vn.kyso.signing.crypto.TestDevice;
import vn.kyso.signing.model.Credential;
import vn.kyso.signing.repository.CredentialRepository;
import vn.kyso.testsupport.InSession;
import vn.kyso.testsupport.JwtKeysTestResource;
import vn.kyso.testsupport.KafkaTestResource;
import vn.kyso.testsupport.PostgresTestResource;
import vn.kyso.testsupport.SoftHsmTestResource;
import vn.kyso.testsupport.TestEvents;

/** Subscriber keys generated and used inside a PKCS#11 token (SoftHSM2). */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "signing_p11"))
@WithTestResource(JwtKeysTestResource.class)
@WithTestResource(SoftHsmTestResource.class)
@DisabledIf(value = "vn.kyso.testsupport.SoftHsmTestResource#unavailable",
        disabledReason = "softhsm2 is not installed (apt-get install -y softhsm2); .ci/run installs it")
class Pkcs11CredentialTest {

    @Inject
    CredentialRepository credentials;

    @Test
    void theKeyIsMadeInTheTokenItsCsrProvesPossessionAndThePinStillGuardsIt() throws Exception {
        UUID account = UUID.randomUUID();
        String token = SigningTestSupport.subscriber(account);
        TestDevice device = new TestDevice();
        UUID id = SigningTestSupport.create(token, device);
        PublicKey key = TestDevice.csrKey(SigningTestSupport.awaitKeyPair(id, 1).csr());

        Credential stored = InSession.await(() -> credentials.findById(id));
        assertTrue(stored.keyReference.startsWith("p11:"), "key reference names a token object");
        assertEquals("RSA-2048", stored.keyAlgorithm);

        TestEvents.publish(EventTypes.CERTIFICATE_ISSUED, "5A", new CertificateIssued(account, id, "5A",
                TestDevice.certificateFor(key, BigInteger.valueOf(0x5A)), List.of(), Instant.now(),
                Instant.now().plusSeconds(3600), Instant.now()));
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> "ACTIVE".equals(given().auth().oauth2(token)
                .get("/api/v1/credentials/" + id).then().extract().path("status")));

        String wrong = SigningTestSupport.challenge(token, id);
        given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("currentPin", "975310", "newPin",
                "864209", "confirmPin", "864209", "challenge", wrong, "deviceSignature", device.sign(wrong)))
                .post("/api/v1/credentials/" + id + "/pin").then().statusCode(400).body("code", equalTo("PIN_INVALID"));
        String right = SigningTestSupport.challenge(token, id);
        given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("currentPin", SigningTestSupport.PIN,
                "newPin", "864209", "confirmPin", "864209", "challenge", right, "deviceSignature", device.sign(right)))
                .post("/api/v1/credentials/" + id + "/pin").then().statusCode(204);
    }
}
