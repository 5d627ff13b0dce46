package vn.kyso.signing;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import vn.kyso.events.EventCodec;
import vn.kyso.events.EventTypes;
import vn.kyso.events.Topics;
import vn.kyso.events.certificate.CertificateResumed;
import vn.kyso.events.certificate.CertificateSuspended;
import vn.kyso.events.credential.CertificateChangeRequested;
import vn.kyso.signing.crypto.TestDevice;
import vn.kyso.signing.crypto.TestTsa;
import vn.kyso.testsupport.JwtKeysTestResource;
import vn.kyso.testsupport.KafkaTestResource;
import vn.kyso.testsupport.PostgresTestResource;
import vn.kyso.testsupport.SealingKeysTestResource;
import vn.kyso.testsupport.TestEvents;
import vn.kyso.testsupport.TopicReader;

@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "signing"))
@WithTestResource(JwtKeysTestResource.class)
@WithTestResource(AccountLoginStub.class)
@WithTestResource(TestTsa.class)
@WithTestResource(SealingKeysTestResource.class)
class SubscriberCertificateChangesTest {

    @Test
    void theSubscriberHoldsResumesAndRevokesWithPinAndDeviceAndCaServiceIsAskedEachTime() throws Exception {
        UUID account = UUID.randomUUID();
        String token = SigningTestSupport.subscriber(account);
        TestDevice device = new TestDevice();
        UUID credential = SigningTestSupport.create(token, device);
        SigningTestSupport.activate(account, token, credential);
        String serial = given().auth().oauth2(token).get("/api/v1/credentials/" + credential).then()
                .extract().path("serialNumber");

        // Someone else's session gets nothing to act on; a wrong PIN or a foreign device changes nothing.
        String other = SigningTestSupport.subscriber(UUID.randomUUID());
        String c0 = SigningTestSupport.challenge(token, credential);
        change(other, credential, "suspend", SigningTestSupport.PIN, c0, device.sign(c0), null).then()
                .statusCode(404).contentType("application/problem+json");
        String c1 = SigningTestSupport.challenge(token, credential);
        change(token, credential, "suspend", "975310", c1, device.sign(c1), null).then().statusCode(400)
                .body("code", equalTo("PIN_INVALID"));
        String c2 = SigningTestSupport.challenge(token, credential);
        change(token, credential, "suspend", SigningTestSupport.PIN, c2, new TestDevice().sign(c2), null).then()
                .statusCode(401).body("code", equalTo("DEVICE_PROOF_INVALID"));
        status(token, credential, "ACTIVE");
        assertEquals(List.of(), requests(credential), "nothing asked of ca-service yet");

        // Hold: nothing signs from now; ca-service is asked to hold the certificate the credential holds.
        String c3 = SigningTestSupport.challenge(token, credential);
        change(token, credential, "suspend", SigningTestSupport.PIN, c3, device.sign(c3), null).then()
                .statusCode(202).body("status", equalTo("SUSPENDED"));
        CertificateChangeRequested hold = awaitRequest(credential, 1);
        assertEquals(CertificateChangeRequested.SUSPEND, hold.change());
        assertEquals(serial, hold.serialNumber());
        assertEquals(account, hold.accountId());
        assertNull(hold.reason());
        TestEvents.publish(EventTypes.CERTIFICATE_SUSPENDED, serial, new CertificateSuspended(account, credential,
                serial, Instant.now()));

        // Resumption: asked for, but the credential signs again only once the certificate is off hold.
        String c4 = SigningTestSupport.challenge(token, credential);
        change(token, credential, "resume", SigningTestSupport.PIN, c4, device.sign(c4), null).then()
                .statusCode(202).body("status", equalTo("SUSPENDED"));
        assertEquals(CertificateChangeRequested.RESUME, awaitRequest(credential, 2).change());
        status(token, credential, "SUSPENDED");
        TestEvents.publish(EventTypes.CERTIFICATE_RESUMED, serial, new CertificateResumed(account, credential,
                serial, Instant.now()));
        awaitStatus(token, credential, "ACTIVE");

        // An operator's hold is the operator's to lift.
        TestEvents.publish(EventTypes.CERTIFICATE_SUSPENDED, serial, new CertificateSuspended(account, credential,
                serial, Instant.now()));
        awaitStatus(token, credential, "SUSPENDED");
        String c5 = SigningTestSupport.challenge(token, credential);
        change(token, credential, "resume", SigningTestSupport.PIN, c5, device.sign(c5), null).then()
                .statusCode(409).body("code", equalTo("CREDENTIAL_NOT_USABLE"));
        assertEquals(2, requests(credential).size(), "no resumption asked for");

        // Revocation, even on hold: a reason the subscriber may give, then REVOKED at once, for good.
        String c6 = SigningTestSupport.challenge(token, credential);
        change(token, credential, "revoke", SigningTestSupport.PIN, c6, device.sign(c6), "superseded").then()
                .statusCode(400).body("code", equalTo("VALIDATION_FAILED")).body("errors.field", hasItem("reason"));
        String c7 = SigningTestSupport.challenge(token, credential);
        change(token, credential, "revoke", SigningTestSupport.PIN, c7, device.sign(c7), "keyCompromise").then()
                .statusCode(202).body("status", equalTo("REVOKED"));
        CertificateChangeRequested revocation = awaitRequest(credential, 3);
        assertEquals(CertificateChangeRequested.REVOKE, revocation.change());
        assertEquals("keyCompromise", revocation.reason());
        String c8 = SigningTestSupport.challenge(token, credential);
        change(token, credential, "resume", SigningTestSupport.PIN, c8, device.sign(c8), null).then()
                .statusCode(409);
        status(token, credential, "REVOKED");

        TopicReader.readAll(Topics.CREDENTIAL_EVENTS, r -> credential.toString().equals(r.key()))
                .forEach(r -> assertFalse(r.value().contains(SigningTestSupport.PIN), "no PIN in events"));
    }

    private static Response change(String token, UUID credential, String action, String pin, String challenge,
            String signature, String reason) {
        Map<String, Object> body = new java.util.HashMap<>(Map.of("pin", pin, "challenge", challenge,
                "deviceSignature", signature));
        if (reason != null) {
            body.put("reason", reason);
        }
        return given().auth().oauth2(token).contentType(ContentType.JSON).body(body)
                .post("/api/v1/credentials/" + credential + "/" + action);
    }

    private static List<ConsumerRecord<String, String>> requests(UUID credential) {
        return TopicReader.readAll(Topics.CREDENTIAL_EVENTS, r -> credential.toString().equals(r.key())
                && EventTypes.CERTIFICATE_CHANGE_REQUESTED.type().equals(SigningTestSupport.header(r, "ce_type")));
    }

    private static CertificateChangeRequested awaitRequest(UUID credential, int nth) {
        var records = TopicReader.awaitRecords(Topics.CREDENTIAL_EVENTS, r -> credential.toString().equals(r.key())
                && EventTypes.CERTIFICATE_CHANGE_REQUESTED.type().equals(SigningTestSupport.header(r, "ce_type")),
                nth, Duration.ofSeconds(30));
        return EventCodec.fromJson(records.get(nth - 1).value(), CertificateChangeRequested.class);
    }

    private static void status(String token, UUID credential, String expected) {
        given().auth().oauth2(token).get("/api/v1/credentials/" + credential).then().statusCode(200)
                .body("status", equalTo(expected));
    }

    private static void awaitStatus(String token, UUID credential, String expected) {
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> expected.equals(given().auth().oauth2(token)
                .get("/api/v1/credentials/" + credential).then().extract().path("status")));
    }
}
