package vn.kyso.signing;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.Signature;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import vn.kyso.events.EventTypes;
import vn.kyso.events.Topics;
import vn.kyso.signing.crypto.TestDevice;
import vn.kyso.signing.crypto.TestTsa;
import vn.kyso.testsupport.JwtKeysTestResource;
import vn.kyso.testsupport.KafkaTestResource;
import vn.kyso.testsupport.PostgresTestResource;
import vn.kyso.testsupport.SealingKeysTestResource;
import vn.kyso.testsupport.TopicReader;

/** A signature happens only when the subscriber approves with PIN + device; rejection and expiry sign nothing. */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "signing"))
@WithTestResource(JwtKeysTestResource.class)
@WithTestResource(AccountLoginStub.class)
@WithTestResource(TestTsa.class)
@WithTestResource(SealingKeysTestResource.class)
class TransactionTest {

    @Inject
    TestClock clock;

    @AfterEach
    void realTime() {
        clock.reset();
    }

    record Subscriber(UUID account, String token, TestDevice device, UUID credential, PublicKey key) {
    }

    static Subscriber activeSubscriber() throws Exception {
        UUID account = UUID.randomUUID();
        String token = SigningTestSupport.subscriber(account);
        TestDevice device = new TestDevice();
        UUID credential = SigningTestSupport.create(token, device);
        PublicKey key = SigningTestSupport.activate(account, token, credential);
        return new Subscriber(account, token, device, credential, key);
    }

    static UUID request(UUID account, List<byte[]> documents, int seconds) throws Exception {
        List<Map<String, String>> items = new ArrayList<>();
        for (int i = 0; i < documents.size(); i++) {
            items.add(Map.of("docId", "doc-" + i, "fileName", "hoa-don-" + i + ".xml", "digest", Base64.getEncoder()
                    .encodeToString(MessageDigest.getInstance("SHA-256").digest(documents.get(i)))));
        }
        return UUID.fromString(given().auth().oauth2(SigningTestSupport.operator()).contentType(ContentType.JSON)
                .body(Map.of("accountId", account.toString(), "appName", "Hóa đơn ABC", "description",
                        "Ký hóa đơn tháng 11", "expiresInSeconds", seconds, "items", items))
                .post("/internal/v1/transactions").then().statusCode(201).body("status", equalTo("PENDING"))
                .extract().path("id"));
    }

    static JsonPath approve(Subscriber s, UUID tx, String pin, int status) {
        String challenge = given().auth().oauth2(s.token()).get("/api/v1/transactions/" + tx).then().statusCode(200)
                .body("challenge", notNullValue()).extract().path("challenge");
        return given().auth().oauth2(s.token()).contentType(ContentType.JSON).body(Map.of("pin", pin, "challenge",
                challenge, "deviceSignature", s.device().sign(challenge)))
                .post("/api/v1/transactions/" + tx + "/confirm").then().statusCode(status).extract().jsonPath();
    }

    @Test
    void approvedWithPinAndDeviceEveryDocumentIsSignedAndVerifies() throws Exception {
        Subscriber s = activeSubscriber();
        List<byte[]> documents = List.of("hóa đơn 1".getBytes(StandardCharsets.UTF_8),
                "hóa đơn 2".getBytes(StandardCharsets.UTF_8), "hóa đơn 3".getBytes(StandardCharsets.UTF_8));
        UUID tx = request(s.account(), documents, 300);
        given().auth().oauth2(s.token()).queryParam("status", "PENDING").get("/api/v1/transactions").then()
                .statusCode(200).body("id", hasItem(tx.toString())).body("[0].appName", equalTo("Hóa đơn ABC"))
                .body("[0].secondsLeft", greaterThan(250));

        JsonPath signed = approve(s, tx, SigningTestSupport.PIN, 200);
        assertEquals("SIGNED", signed.getString("status"));
        List<String> signatures = signed.getList("items.signature");
        assertEquals(3, signatures.size());
        for (int i = 0; i < documents.size(); i++) {
            Signature verifier = Signature.getInstance("SHA256withRSA");
            verifier.initVerify(s.key());
            verifier.update(documents.get(i));
            assertTrue(verifier.verify(Base64.getDecoder().decode(signatures.get(i))), "document " + i);
        }
        var events = TopicReader.awaitRecords(Topics.SIGNATURE_EVENTS, r -> tx.toString().equals(r.key()), 2,
                Duration.ofSeconds(30));
        assertEquals(List.of(EventTypes.SIGNATURE_REQUESTED.type(), EventTypes.SIGNATURE_COMPLETED.type()),
                events.stream().map(r -> SigningTestSupport.header(r, "ce_type")).toList());
        var completed = vn.kyso.events.EventCodec.fromJson(events.get(1).value(),
                vn.kyso.events.signature.SignatureCompleted.class);
        assertEquals(List.of("KYSO", 3), List.of(completed.requesterType(), completed.itemCount()),
                "the outcome names its requester, so other consumers can skip it");
        given().auth().oauth2(s.token()).get("/api/v1/transactions/" + tx).then().statusCode(200)
                .body("status", equalTo("SIGNED")).body("challenge", equalTo(null));
        given().auth().oauth2(s.token()).contentType(ContentType.JSON).body(Map.of("pin", SigningTestSupport.PIN,
                "challenge", "replayed", "deviceSignature", "AAAA")).post("/api/v1/transactions/" + tx + "/confirm")
                .then().statusCode(409).body("code", equalTo("TRANSACTION_NOT_PENDING"));
    }

    @Test
    void aCertificateOnHoldSignsNothingUntilItIsResumed() throws Exception {
        Subscriber s = activeSubscriber();
        String serial = given().auth().oauth2(s.token()).get("/api/v1/credentials/" + s.credential()).then()
                .statusCode(200).extract().path("serialNumber");
        byte[] document = "hợp đồng tạm dừng".getBytes(StandardCharsets.UTF_8);
        UUID waiting = request(s.account(), List.of(document), 300);

        vn.kyso.testsupport.TestEvents.publish(EventTypes.CERTIFICATE_SUSPENDED, serial,
                new vn.kyso.events.certificate.CertificateSuspended(s.account(), s.credential(), serial,
                        java.time.Instant.now()));
        awaitStatus(s, "SUSPENDED");
        // A request made before the hold cannot be approved during it, and no new one can be made.
        assertEquals("CREDENTIAL_NOT_USABLE", approve(s, waiting, SigningTestSupport.PIN, 409).getString("code"));
        given().auth().oauth2(SigningTestSupport.operator()).contentType(ContentType.JSON)
                .body(Map.of("accountId", s.account().toString(), "appName", "Hóa đơn ABC", "description", "x",
                        "expiresInSeconds", 300, "items", List.of(Map.of("docId", "d", "fileName", "f.xml", "digest",
                                Base64.getEncoder().encodeToString(new byte[32])))))
                .post("/internal/v1/transactions").then().statusCode(409).body("code", equalTo("NO_USABLE_CREDENTIAL"));

        vn.kyso.testsupport.TestEvents.publish(EventTypes.CERTIFICATE_RESUMED, serial,
                new vn.kyso.events.certificate.CertificateResumed(s.account(), s.credential(), serial,
                        java.time.Instant.now()));
        awaitStatus(s, "ACTIVE");
        JsonPath signed = approve(s, waiting, SigningTestSupport.PIN, 200);
        assertEquals("SIGNED", signed.getString("status"));
        Signature verifier = Signature.getInstance("SHA256withRSA");
        verifier.initVerify(s.key());
        verifier.update(document);
        assertTrue(verifier.verify(Base64.getDecoder().decode(signed.getList("items.signature").get(0).toString())));
    }

    private static void awaitStatus(Subscriber s, String status) {
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> status.equals(given().auth()
                .oauth2(s.token()).get("/api/v1/credentials/" + s.credential()).then().extract().path("status")));
    }

    @Test
    void aWrongPinSignsNothingAndARejectionEndsIt() throws Exception {
        Subscriber s = activeSubscriber();
        UUID tx = request(s.account(), List.of("hợp đồng".getBytes(StandardCharsets.UTF_8)), 300);
        JsonPath wrong = approve(s, tx, "975310", 400);
        assertEquals("PIN_INVALID", wrong.getString("code"));
        given().auth().oauth2(s.token()).get("/api/v1/transactions/" + tx).then().body("status", equalTo("PENDING"))
                .body("items[0].signature", equalTo(null));

        String challenge = given().auth().oauth2(s.token()).get("/api/v1/transactions/" + tx).then().extract()
                .path("challenge");
        given().auth().oauth2(s.token()).contentType(ContentType.JSON).body(Map.of("challenge", challenge,
                "deviceSignature", new TestDevice().sign(challenge))).post("/api/v1/transactions/" + tx + "/reject")
                .then().statusCode(401).body("code", equalTo("DEVICE_PROOF_INVALID"));
        String again = given().auth().oauth2(s.token()).get("/api/v1/transactions/" + tx).then().extract()
                .path("challenge");
        given().auth().oauth2(s.token()).contentType(ContentType.JSON).body(Map.of("challenge", again,
                "deviceSignature", s.device().sign(again))).post("/api/v1/transactions/" + tx + "/reject")
                .then().statusCode(200).body("status", equalTo("REJECTED"));
        TopicReader.awaitRecords(Topics.SIGNATURE_EVENTS, r -> tx.toString().equals(r.key())
                && EventTypes.SIGNATURE_REJECTED.type().equals(SigningTestSupport.header(r, "ce_type")), 1,
                Duration.ofSeconds(30)).get(0);
        given().auth().oauth2(s.token()).contentType(ContentType.JSON).body(Map.of("pin", SigningTestSupport.PIN,
                "challenge", again, "deviceSignature", s.device().sign(again)))
                .post("/api/v1/transactions/" + tx + "/confirm").then().statusCode(409)
                .body("code", equalTo("TRANSACTION_NOT_PENDING"));
    }

    @Test
    void anUnansweredTransactionExpiresOnceAndCannotBeConfirmedAfterwards() throws Exception {
        Subscriber s = activeSubscriber();
        UUID tx = request(s.account(), List.of("biên bản".getBytes(StandardCharsets.UTF_8)), 30);
        String challenge = given().auth().oauth2(s.token()).get("/api/v1/transactions/" + tx).then().extract()
                .path("challenge");
        clock.advance(Duration.ofSeconds(31));
        TopicReader.awaitRecords(Topics.SIGNATURE_EVENTS, r -> tx.toString().equals(r.key())
                && EventTypes.SIGNATURE_EXPIRED.type().equals(SigningTestSupport.header(r, "ce_type")), 1,
                Duration.ofSeconds(30)).get(0);
        given().auth().oauth2(s.token()).get("/api/v1/transactions/" + tx).then().body("status", equalTo("EXPIRED"))
                .body("secondsLeft", equalTo(0));
        given().auth().oauth2(s.token()).contentType(ContentType.JSON).body(Map.of("pin", SigningTestSupport.PIN,
                "challenge", challenge, "deviceSignature", s.device().sign(challenge)))
                .post("/api/v1/transactions/" + tx + "/confirm").then().statusCode(409);
        assertEquals(1, TopicReader.readAll(Topics.SIGNATURE_EVENTS, r -> tx.toString().equals(r.key())
                && EventTypes.SIGNATURE_EXPIRED.type().equals(SigningTestSupport.header(r, "ce_type"))).size());
    }

    @Test
    void nobodyElseSeesOrActsOnATransactionAndBadRequestsAreRefused() throws Exception {
        Subscriber s = activeSubscriber();
        UUID tx = request(s.account(), List.of(new byte[] {1}), 300);
        String other = SigningTestSupport.subscriber(UUID.randomUUID());
        given().auth().oauth2(other).get("/api/v1/transactions/" + tx).then().statusCode(404)
                .body("code", equalTo("TRANSACTION_NOT_FOUND"));
        given().auth().oauth2(other).contentType(ContentType.JSON).body(Map.of("pin", "246813", "challenge", "x",
                "deviceSignature", "x")).post("/api/v1/transactions/" + tx + "/confirm").then().statusCode(404);
        given().auth().oauth2(other).get("/api/v1/transactions").then().statusCode(200).body("$", hasSize(0));
        given().auth().oauth2(s.token()).contentType(ContentType.JSON).body(Map.of("accountId",
                s.account().toString(), "appName", "x", "description", "x", "items", List.of()))
                .post("/internal/v1/transactions").then().statusCode(403);
        given().auth().oauth2(SigningTestSupport.operator()).contentType(ContentType.JSON).body(Map.of("accountId",
                s.account().toString(), "appName", "x", "description", "x", "items",
                List.of(Map.of("docId", "d", "fileName", "f", "digest", "AAAA")))).post("/internal/v1/transactions")
                .then().statusCode(400).body("code", equalTo("VALIDATION_FAILED"))
                .body("errors.field", hasItem("items[0].digest"));
        given().auth().oauth2(SigningTestSupport.operator()).contentType(ContentType.JSON).body(Map.of("accountId",
                UUID.randomUUID().toString(), "appName", "x", "description", "x", "items",
                List.of(Map.of("docId", "d", "fileName", "f", "digest", Base64.getEncoder()
                        .encodeToString(new byte[32]))))).post("/internal/v1/transactions")
                .then().statusCode(409).body("code", equalTo("NO_USABLE_CREDENTIAL"));
        given().auth().oauth2(s.token()).queryParam("status", "NOPE").get("/api/v1/transactions").then()
                .statusCode(400);

        List<Map<String, String>> tooMany = java.util.stream.IntStream.range(0, 101).mapToObj(i -> Map.of("docId",
                "d" + i, "fileName", "f", "digest", Base64.getEncoder().encodeToString(new byte[32]))).toList();
        given().auth().oauth2(SigningTestSupport.operator()).contentType(ContentType.JSON).body(Map.of("accountId",
                s.account().toString(), "appName", "x", "description", "x", "items", tooMany))
                .post("/internal/v1/transactions").then().statusCode(400).body("errors.field", hasItem("items"));
        String pdf = Base64.getEncoder().encodeToString(vn.kyso.testsupport.TestPdfs.onePage("x"));
        List<Map<String, String>> pdfs = java.util.stream.IntStream.range(0, 21).mapToObj(i -> Map.of("docId",
                "p" + i, "fileName", "f.pdf", "type", "pdf", "document", pdf)).toList();
        given().auth().oauth2(SigningTestSupport.operator()).contentType(ContentType.JSON).body(Map.of("accountId",
                s.account().toString(), "appName", "x", "description", "x", "items", pdfs))
                .post("/internal/v1/transactions").then().statusCode(400).body("errors.field", hasItem("items"));
        given().auth().oauth2(s.token()).queryParam("status", "PENDING").get("/api/v1/transactions").then()
                .statusCode(200).body("$", hasSize(1));
    }
}
