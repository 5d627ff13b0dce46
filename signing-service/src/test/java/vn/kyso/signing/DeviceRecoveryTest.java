package vn.kyso.signing;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.awaitility.Awaitility;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import vn.kyso.commons.crypto.Pem;
import vn.kyso.commons.crypto.SecretSealing;
import vn.kyso.events.EventCodec;
import vn.kyso.events.EventTypes;
import vn.kyso.events.Topics;
import vn.kyso.events.certificate.CertificateIssued;
import vn.kyso.events.credential.CertificateChangeRequested;
import vn.kyso.events.credential.DeviceBound;
import vn.kyso.events.credential.DeviceRecoveryRequested;
import vn.kyso.events.notification.RecoveryCodeEmailRequested;
import vn.kyso.signing.crypto.TestDevice;
import vn.kyso.signing.crypto.TestTsa;
import vn.kyso.testsupport.InSession;
import vn.kyso.testsupport.JwtKeysTestResource;
import vn.kyso.testsupport.KafkaTestResource;
import vn.kyso.testsupport.PostgresTestResource;
import vn.kyso.testsupport.SealingKeysTestResource;
import vn.kyso.testsupport.TestEvents;
import vn.kyso.testsupport.TopicReader;

/**
 * Issue 21 §3: a lost device is replaced without it — the subscriber asks, an operator approves, a sealed code goes to
 * the mail service, the lost device approves nothing from that moment, and the code + a new device and PIN give a new
 * key pair while the old certificate is revoked for keyCompromise.
 */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "signing"))
@WithTestResource(JwtKeysTestResource.class)
@WithTestResource(AccountLoginStub.class)
@WithTestResource(TestTsa.class)
@WithTestResource(SealingKeysTestResource.class)
class DeviceRecoveryTest {

    private static final String NEW_PIN = "802417";

    @Test
    void anApprovedCodeBindsANewDeviceAndPinAndTheOldCertificateIsRevokedForKeyCompromise() throws Exception {
        UUID account = UUID.randomUUID();
        String token = SigningTestSupport.subscriber(account);
        TestDevice lost = new TestDevice();
        UUID credential = SigningTestSupport.create(token, lost);
        PublicKey oldKey = SigningTestSupport.activate(account, token, credential);
        String path = "/api/v1/credentials/" + credential;
        String oldSerial = given().auth().oauth2(token).get(path).then().extract().path("serialNumber");

        // Nothing to complete before an operator approved; a stranger's session cannot even see it.
        given().auth().oauth2(token).get(path + "/recovery").then().statusCode(200).body("status", equalTo("NONE"));
        given().auth().oauth2(SigningTestSupport.subscriber(UUID.randomUUID())).get(path + "/recovery").then()
                .statusCode(404).contentType("application/problem+json");
        String recovery = given().auth().oauth2(token).contentType(ContentType.JSON)
                .body(Map.of("reason", "Mất điện thoại ở Hà Nội")).post(path + "/recovery").then().statusCode(202)
                .body("status", equalTo("REQUESTED")).extract().path("recoveryId");
        given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("reason", "lại"))
                .post(path + "/recovery").then().statusCode(202).body("recoveryId", equalTo(recovery));
        given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("reason", "a\u202Eb"))
                .post(path + "/recovery").then().statusCode(400).contentType("application/problem+json");
        // Another subscriber learns nothing, whatever the body.
        given().auth().oauth2(SigningTestSupport.subscriber(UUID.randomUUID())).contentType(ContentType.JSON)
                .body(Map.of()).post(path + "/recovery").then().statusCode(404);
        given().auth().oauth2(SigningTestSupport.subscriber(UUID.randomUUID())).contentType(ContentType.JSON)
                .body(Map.of()).post(path + "/recovery/complete").then().statusCode(404);
        given().auth().oauth2(token).get("/api/v1/recoveries").then().statusCode(403);
        complete(token, credential, "0123456789", new TestDevice(), NEW_PIN).then().statusCode(409)
                .body("code", equalTo("RECOVERY_NOT_OPEN"));
        DeviceRecoveryRequested asked = EventCodec.fromJson(TopicReader.awaitRecords(Topics.CREDENTIAL_EVENTS,
                r -> credential.toString().equals(r.key()) && EventTypes.DEVICE_RECOVERY_REQUESTED.type().equals(
                        SigningTestSupport.header(r, "ce_type")), 1, Duration.ofSeconds(30)).get(0).value(),
                DeviceRecoveryRequested.class);
        assertEquals(recovery, asked.recoveryId().toString());

        // The operator approves after checking who asks; the note is required, the code never shown to anyone here.
        String operator = SigningTestSupport.operator();
        given().auth().oauth2(operator).get("/api/v1/recoveries").then().statusCode(200)
                .body("recoveryId", hasItem(recovery)).body("find { it.recoveryId == '" + recovery + "' }.reason",
                        equalTo("Mất điện thoại ở Hà Nội"));
        given().auth().oauth2(operator).contentType(ContentType.JSON).body(Map.of("note", " "))
                .post("/api/v1/recoveries/" + recovery + "/approve").then().statusCode(400)
                .contentType("application/problem+json");
        String approved = given().auth().oauth2(operator).contentType(ContentType.JSON)
                .body(Map.of("note", "Gọi lại số 0912345678 đã đăng ký; khớp CCCD")).post("/api/v1/recoveries/"
                        + recovery + "/approve").then().statusCode(200).body("status", equalTo("APPROVED"))
                .body("codeExpiresAt", notNullValue()).body("code", nullValue()).extract().asString();
        given().auth().oauth2(operator).contentType(ContentType.JSON).body(Map.of("note", "again"))
                .post("/api/v1/recoveries/" + recovery + "/approve").then().statusCode(409)
                .body("code", equalTo("RECOVERY_NOT_OPEN"));
        String code = mailedCode(UUID.fromString(recovery), account);
        assertTrue(code.matches("[0-9]{10}"), "ten digits");
        assertFalse(approved.contains(code), "the operator never sees the code");

        // From the approval on, the lost device approves nothing, even with the right PIN.
        TransactionTest.Subscriber before = new TransactionTest.Subscriber(account, token, lost, credential, oldKey);
        UUID tx = TransactionTest.request(account, List.of("hợp đồng".getBytes(StandardCharsets.UTF_8)), 300);
        TransactionTest.approve(before, tx, SigningTestSupport.PIN, 401);

        TestDevice replacement = new TestDevice();
        complete(token, credential, "1111111111".equals(code) ? "2222222222" : "1111111111", replacement, NEW_PIN)
                .then().statusCode(400).contentType("application/problem+json")
                .body("code", equalTo("RECOVERY_CODE_INVALID")).body("detail", containsString("4 attempts left"));
        complete(token, credential, code.substring(0, 5) + " " + code.substring(5), replacement, NEW_PIN).then()
                .statusCode(202).body("status", equalTo("CERT_PENDING"));
        given().auth().oauth2(token).get(path + "/recovery").then().body("status", equalTo("COMPLETED"));
        complete(token, credential, code, new TestDevice(), NEW_PIN).then().statusCode(409)
                .body("code", equalTo("RECOVERY_NOT_OPEN"));

        // The old certificate is revoked for keyCompromise before the new key is certified (same topic and key).
        List<ConsumerRecord<String, String>> events = TopicReader.awaitRecords(Topics.CREDENTIAL_EVENTS,
                r -> credential.toString().equals(r.key()) && List.of(EventTypes.CERTIFICATE_CHANGE_REQUESTED.type(),
                        EventTypes.KEY_PAIR_ACTIVATED.type(), EventTypes.DEVICE_BOUND.type())
                        .contains(SigningTestSupport.header(r, "ce_type")), 4, Duration.ofSeconds(30));
        List<String> order = events.stream().map(r -> SigningTestSupport.header(r, "ce_type")).toList();
        assertEquals(List.of(EventTypes.KEY_PAIR_ACTIVATED.type(), EventTypes.CERTIFICATE_CHANGE_REQUESTED.type(),
                EventTypes.KEY_PAIR_ACTIVATED.type(), EventTypes.DEVICE_BOUND.type()), order);
        CertificateChangeRequested revoke = EventCodec.fromJson(events.get(1).value(), CertificateChangeRequested.class);
        assertEquals(oldSerial, revoke.serialNumber());
        assertEquals("keyCompromise", revoke.reason());
        assertEquals(CertificateChangeRequested.REVOKE, revoke.change());
        DeviceBound bound = EventCodec.fromJson(events.get(3).value(), DeviceBound.class);
        assertEquals("Điện thoại mới", bound.deviceName());
        assertEquals(DeviceBound.RECOVERY, bound.how());

        // The new key, under the new PIN, signs once the CA certified it; the old device still cannot.
        PublicKey newKey = TestDevice.csrKey(SigningTestSupport.awaitKeyPair(credential, 2).csr());
        assertFalse(java.util.Arrays.equals(oldKey.getEncoded(), newKey.getEncoded()), "a new key pair");
        String serial = new BigInteger(64, new SecureRandom()).setBit(63).toString(16).toUpperCase();
        TestEvents.publish(EventTypes.CERTIFICATE_ISSUED, serial, new CertificateIssued(account, credential, serial,
                TestDevice.certificateFor(newKey, new BigInteger(serial, 16)), List.of(), Instant.now(),
                Instant.now().plus(Duration.ofDays(365)), Instant.now()));
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> "ACTIVE".equals(
                given().auth().oauth2(token).get(path).then().extract().path("status")));
        given().auth().oauth2(token).get(path).then().body("deviceName", equalTo("Điện thoại mới"));
        assertNowhereInClear(code);
        UUID next = TransactionTest.request(account, List.of("phụ lục".getBytes(StandardCharsets.UTF_8)), 300);
        TransactionTest.approve(before, next, NEW_PIN, 401);
        assertEquals("SIGNED", TransactionTest.approve(new TransactionTest.Subscriber(account, token, replacement,
                credential, newKey), next, NEW_PIN, 200).getString("status"));
    }

    @Test
    void fiveWrongCodesEndTheRecoveryAndADeclinedOneChangesNothing() throws Exception {
        UUID account = UUID.randomUUID();
        String token = SigningTestSupport.subscriber(account);
        TestDevice device = new TestDevice();
        UUID credential = SigningTestSupport.create(token, device);
        PublicKey key = SigningTestSupport.activate(account, token, credential);
        String path = "/api/v1/credentials/" + credential;
        String operator = SigningTestSupport.operator();

        // Declined: the device it would have replaced keeps working.
        String declined = given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("reason", "mất"))
                .post(path + "/recovery").then().statusCode(202).extract().path("recoveryId");
        given().auth().oauth2(operator).contentType(ContentType.JSON).body(Map.of("note", "Không liên lạc được"))
                .post("/api/v1/recoveries/" + declined + "/decline").then().statusCode(200)
                .body("status", equalTo("DECLINED"));
        UUID tx = TransactionTest.request(account, List.of("a".getBytes(StandardCharsets.UTF_8)), 300);
        assertEquals("SIGNED", TransactionTest.approve(new TransactionTest.Subscriber(account, token, device,
                credential, key), tx, SigningTestSupport.PIN, 200).getString("status"));

        given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of()).post(path + "/recovery").then()
                .statusCode(400).body("code", equalTo("VALIDATION_FAILED"));
        String recovery = given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("reason", "mất"))
                .post(path + "/recovery").then().statusCode(202).body("recoveryId", not(equalTo(declined)))
                .extract().path("recoveryId");
        given().auth().oauth2(operator).contentType(ContentType.JSON).body(Map.of("note", "Đến quầy, đối chiếu CCCD"))
                .post("/api/v1/recoveries/" + recovery + "/approve").then().statusCode(200);
        String code = mailedCode(UUID.fromString(recovery), account);
        String wrong = code.startsWith("9") ? "1" + code.substring(1) : "9" + code.substring(1);
        for (int i = 0; i < 5; i++) {
            complete(token, credential, wrong, new TestDevice(), NEW_PIN).then().statusCode(400)
                    .body("code", equalTo("RECOVERY_CODE_INVALID"));
        }
        complete(token, credential, code, new TestDevice(), NEW_PIN).then().statusCode(409)
                .body("code", equalTo("RECOVERY_NOT_OPEN"));
        given().auth().oauth2(token).get(path + "/recovery").then().body("status", equalTo("FAILED"));
        // A garbled body is a clear 400 and changes nothing.
        given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("code", code, "pin", "12"))
                .post(path + "/recovery/complete").then().statusCode(400).contentType("application/problem+json");
        given().auth().oauth2(token).get(path).then().body("status", equalTo("ACTIVE"));
    }

    /** A secret of the recovery is in no row and no Kafka record in clear (the mail command carries it sealed). */
    private static void assertNowhereInClear(String secret) {
        long rows = InSession.await(() -> Panache.getSession().chain(session -> session.createNativeQuery(
                "select count(*) from (select r::text as t from device_recovery r union all select a::text from "
                        + "kyso_audit_entry a union all select l::text from audit_log l union all select o::text from kyso_outbox o "
                        + "union all select c::text "
                        + "from credential c) x where x.t like :s", Long.class).setParameter("s", "%" + secret + "%")
                .getSingleResult()));
        assertEquals(0, rows, "the code in clear in the database");
        for (String topic : Topics.ALL) {
            assertEquals(List.of(), TopicReader.readAll(topic, r -> r.value() != null && r.value().contains(secret)),
                    "the code in clear on " + topic);
        }
    }

    private static io.restassured.response.Response complete(String token, UUID credential, String code,
            TestDevice device, String pin) {
        Map<String, Object> body = new HashMap<>();
        body.put("code", code);
        body.put("pin", pin);
        body.put("confirmPin", pin);
        body.put("deviceName", "Điện thoại mới");
        body.put("devicePublicKey", device.publicKey());
        return given().auth().oauth2(token).contentType(ContentType.JSON).body(body)
                .post("/api/v1/credentials/" + credential + "/recovery/complete");
    }

    /** What notification-service would mail: the code, opened with its private key from the sealed command. */
    private static String mailedCode(UUID recovery, UUID account) {
        ConsumerRecord<String, String> record = TopicReader.awaitRecords(Topics.NOTIFICATION_REQUESTS,
                r -> r.value().contains(recovery.toString()), 1, Duration.ofSeconds(30)).get(0);
        assertEquals(account.toString(), record.key(), "keyed by the account");
        RecoveryCodeEmailRequested command = EventCodec.fromJson(record.value(), RecoveryCodeEmailRequested.class);
        assertEquals(SealingKeysTestResource.KEY_ID, command.sealedCode().kid());
        byte[] code = SecretSealing.open(command.sealedCode(), RecoveryCodeEmailRequested.codeContext(recovery),
                Pem.rsaPrivateKey(ConfigProvider.getConfig().getValue("kyso.test.sealing.private-key-location",
                        String.class)));
        return new String(code, StandardCharsets.US_ASCII);
    }
}
