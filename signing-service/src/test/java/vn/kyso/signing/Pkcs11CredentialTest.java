package vn.kyso.signing;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.awaitility.Awaitility;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledIf;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import vn.kyso.events.EventTypes;
import vn.kyso.events.certificate.CertificateIssued;
import vn.kyso.commons.crypto.custody.KeyCustody;
import vn.kyso.signing.crypto.SealedSecrets;
import vn.kyso.signing.crypto.TestDevice;
import vn.kyso.signing.credential.model.Credential;
import vn.kyso.signing.keys.RootKey;
import vn.kyso.signing.credential.repository.CredentialRepository;
import vn.kyso.signing.keys.RootKeyRepository;
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

    @Inject
    SealedSecrets sealed;

    @Inject
    KeyCustody custody;

    @Inject
    RootKeyRepository roots;

    @ConfigProperty(name = "kyso.signing.root-key")
    String configuredRoot;

    /** Issue 18, key hierarchy: in production the wrapping keys' root lives in the HSM, not in a Secret. */
    @Test
    void theRootKeyIsAnObjectInTheTokenAndTheConfiguredSecretOnlyOpensWhatItSealedBefore() {
        RootKey row = InSession.await(() -> roots.findById((short) 1));
        assertTrue(row.keyReference.startsWith("p11:kyso-signing-root."), row.keyReference);
        byte[] label = "kyso.signing.delegation.v1".getBytes(StandardCharsets.UTF_8);
        assertArrayEquals(custody.hmac(row.keyReference, label), sealed.key("delegation.v1").getEncoded(),
                "keys are derived by the token");
        SealedSecrets before = new SealedSecrets(Base64.getDecoder().decode(configuredRoot));
        assertFalse(Arrays.equals(before.key("delegation.v1").getEncoded(), sealed.key("delegation.v1").getEncoded()),
                "the configured Secret is not the root");
        byte[] old = before.seal("delegation.v1", "seed".getBytes(StandardCharsets.UTF_8), "credential-1");
        assertArrayEquals("seed".getBytes(StandardCharsets.UTF_8), sealed.open("delegation.v1", old, "credential-1"),
                "what the Secret sealed before the move still opens");
        byte[] now = sealed.seal("delegation.v1", "seed".getBytes(StandardCharsets.UTF_8), "credential-1");
        assertThrows(IllegalStateException.class, () -> before.open("delegation.v1", now, "credential-1"),
                "what the token's root seals, the Secret cannot open");
    }

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
