package vn.kyso.activation;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.text.PDFTextStripper;
import org.awaitility.Awaitility;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.jwt.build.Jwt;
import vn.kyso.events.EventTypes;
import vn.kyso.events.Topics;
import vn.kyso.events.account.AccountCreated;
import vn.kyso.events.certificate.CertificateIssued;
import vn.kyso.events.signature.SignatureCompleted;
import vn.kyso.events.signature.SignatureExpired;
import vn.kyso.events.signature.SignatureRejected;
import vn.kyso.testsupport.JwtKeysTestResource;
import vn.kyso.testsupport.KafkaTestResource;
import vn.kyso.testsupport.PostgresTestResource;
import vn.kyso.testsupport.SealingKeysTestResource;
import vn.kyso.testsupport.TestEvents;
import vn.kyso.testsupport.TopicReader;

/**
 * Step 4/4: the certificate brings the Vietnamese acceptance record to signing-service (stubbed here; the real path runs
 * in {@code ./kyso smoke}), the signature completes the activation once, and a rejected or expired record can be asked
 * for again.
 */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "activation"))
@WithTestResource(SealingKeysTestResource.class)
@WithTestResource(JwtKeysTestResource.class)
@WithTestResource(AccountServiceStub.class)
class AcceptanceRecordTest {

    static final String NAME = "Nguyễn Thị Ánh Tuyết";

    @Test
    void theCertificateBringsTheRecordAndItsSignatureCompletesTheActivationOnce() throws Exception {
        AccountCreated account = account();
        String serial = issueCertificate(account);
        String subscriber = subscriber(account.accountId());

        AccountServiceStub.SigningRequest request = awaitRequest(account, 1);
        assertEquals("Kyso", request.body().path("appName").asText());
        assertEquals("Ký biên bản nghiệm thu", request.body().path("description").asText());
        assertEquals("BIÊN BẢN NGHIỆM THU", request.body().path("items").path(0).path("fileName").asText());
        assertEquals("pdf", request.body().path("items").path(0).path("type").asText());
        String text;
        try (var pdf = Loader.loadPDF(request.document())) {
            text = new PDFTextStripper().getText(pdf);
        }
        for (String expected : List.of("BIÊN BẢN NGHIỆM THU", NAME, account.identifier(), account.email(), serial,
                "Hiệu lực đến", "Kyso Issuing CA")) {
            assertTrue(text.contains(expected), "the record states " + expected + ":\n" + text);
        }
        given().auth().oauth2(subscriber).get("/api/v1/activation/status").then().statusCode(200)
                .body("step", equalTo(4)).body("acceptance.status", equalTo("PENDING"))
                .body("acceptance.transactionId", equalTo(request.id().toString()));
        given().auth().oauth2(subscriber).get("/api/v1/activation/acceptance-record").then().statusCode(404)
                .contentType("application/problem+json");
        given().auth().oauth2(subscriber).post("/api/v1/activation/acceptance").then().statusCode(409);

        SignatureCompleted completed = new SignatureCompleted(request.id(), account.accountId(), UUID.randomUUID(),
                serial, 1, Instant.now(), "KYSO", "activation-service");
        String first = TestEvents.publish(EventTypes.SIGNATURE_COMPLETED, request.id(), completed);
        TestEvents.publish(EventTypes.SIGNATURE_COMPLETED, request.id(), completed, first);
        var events = TopicReader.awaitRecords(Topics.ACTIVATION_EVENTS, r -> account.accountId().toString()
                .equals(r.key()) && EventTypes.ACTIVATION_COMPLETED.type().equals(header(r)), 1,
                Duration.ofSeconds(30));
        assertEquals(1, events.size());
        given().auth().oauth2(subscriber).get("/api/v1/activation/status").then().statusCode(200)
                .body("state", equalTo("ACCEPTANCE_SIGNED")).body("step", equalTo(5))
                .body("acceptance.status", equalTo("SIGNED"));
        byte[] signed = given().auth().oauth2(subscriber).get("/api/v1/activation/acceptance-record").then()
                .statusCode(200).contentType("application/pdf").extract().asByteArray();
        assertArrayEquals(AccountServiceStub.signedVersion(request), signed, "the signed PDF signing-service made");
        assertArrayEquals(signed, given().auth().oauth2(service()).get("/internal/v1/activations/"
                + account.accountId() + "/acceptance-record").then().statusCode(200).extract().asByteArray());
        given().auth().oauth2(subscriber).get("/internal/v1/activations/" + account.accountId()
                + "/acceptance-record").then().statusCode(403);
        given().get("/internal/v1/activations/" + account.accountId() + "/acceptance-record").then()
                .statusCode(401);
        // Nothing more happens on a late duplicate: still one ActivationCompleted.
        assertEquals(1, TopicReader.awaitRecords(Topics.ACTIVATION_EVENTS, r -> account.accountId().toString()
                .equals(r.key()) && EventTypes.ACTIVATION_COMPLETED.type().equals(header(r)), 2,
                Duration.ofSeconds(5)).size());
    }

    @Test
    void aRejectedOrExpiredRecordCanBeAskedForAgain() throws Exception {
        AccountServiceStub.SIGNING_FAILURES.set(2);
        AccountCreated account = account();
        issueCertificate(account);
        String subscriber = subscriber(account.accountId());
        AccountServiceStub.SigningRequest first = awaitRequest(account, 1);
        assertEquals(0, AccountServiceStub.SIGNING_FAILURES.get(), "the refused requests were retried");

        TestEvents.publish(EventTypes.SIGNATURE_REJECTED, first.id(), new SignatureRejected(first.id(),
                account.accountId(), UUID.randomUUID(), Instant.now(), "KYSO", "activation-service"));
        awaitAcceptance(subscriber, "REJECTED");
        given().auth().oauth2(subscriber).post("/api/v1/activation/acceptance").then().statusCode(202)
                .body("attempt", equalTo(2));
        AccountServiceStub.SigningRequest second = awaitRequest(account, 2);
        assertArrayEquals(first.document(), second.document(), "the same record, asked for again");
        awaitAcceptance(subscriber, "PENDING");

        // An integrator's outcome never touches the record, even under the same transaction id.
        TestEvents.publish(EventTypes.SIGNATURE_REJECTED, second.id(), new SignatureRejected(second.id(),
                account.accountId(), UUID.randomUUID(), Instant.now(), "SP", UUID.randomUUID().toString()));
        TestEvents.publish(EventTypes.SIGNATURE_EXPIRED, second.id(), new SignatureExpired(second.id(),
                account.accountId(), UUID.randomUUID(), Instant.now(), null, null));
        awaitAcceptance(subscriber, "EXPIRED");
        given().auth().oauth2(subscriber).post("/api/v1/activation/acceptance").then().statusCode(202)
                .body("attempt", equalTo(3));
        awaitRequest(account, 3);
        given().auth().oauth2(subscriber).get("/api/v1/activation/status").then().body("state",
                equalTo("CERT_ISSUED")).body("step", equalTo(4));
    }

    private static void awaitAcceptance(String subscriber, String status) {
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> status.equals(given().auth().oauth2(subscriber)
                .get("/api/v1/activation/status").then().extract().path("acceptance.status")));
    }

    private static AccountServiceStub.SigningRequest awaitRequest(AccountCreated account, int attempt) {
        String ref = "acceptance:";
        return Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> AccountServiceStub.SIGNING_REQUESTS
                .values().stream().filter(r -> r.body().path("accountId").asText().equals(account.accountId()
                        .toString()) && r.body().path("requestRef").asText().startsWith(ref)
                        && r.body().path("requestRef").asText().endsWith(":" + attempt)).findFirst().orElse(null),
                r -> r != null);
    }

    private static String header(org.apache.kafka.clients.consumer.ConsumerRecord<String, String> r) {
        var h = r.headers().lastHeader("ce_type");
        return h == null ? null : new String(h.value(), java.nio.charset.StandardCharsets.UTF_8);
    }

    static String subscriber(UUID account) {
        return Jwt.issuer("https://kyso.vn/account").audience("kyso").subject(account.toString()).upn("subscriber")
                .groups("subscriber").sign();
    }

    static String service() {
        return Jwt.issuer("https://kyso.vn/account").audience("kyso-activation-service")
                .subject("service:notification-service").upn("notification-service")
                .groups(Set.of("activations.acceptance.read")).sign();
    }

    private static AccountCreated account() {
        AccountCreated account = new AccountCreated(UUID.randomUUID(), String.format("%012d",
                Math.floorMod(UUID.randomUUID().getLeastSignificantBits(), 1_000_000_000_000L)), "CCCD", NAME,
                "tuyet-" + UUID.randomUUID() + "@example.vn", "+84912345678", "Huế", "Phú Hội", "UNACTIVATED",
                Instant.now());
        TestEvents.publish(EventTypes.ACCOUNT_CREATED, account.accountId(), account);
        return account;
    }

    private static String issueCertificate(AccountCreated account) throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(256);
        KeyPair key = generator.generateKeyPair();
        BigInteger serial = new BigInteger(64, new java.security.SecureRandom()).setBit(63);
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        var subject = new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.C, "VN").addRDN(BCStyle.CN, NAME)
                .addRDN(BCStyle.UID, "CCCD:" + account.identifier()).build();
        var certificate = new JcaX509v3CertificateBuilder(new X500NameBuilder(BCStyle.INSTANCE)
                .addRDN(BCStyle.CN, "Kyso Issuing CA").build(), serial, Date.from(now), Date.from(now.plus(365,
                ChronoUnit.DAYS)), subject, key.getPublic()).build(new JcaContentSignerBuilder("SHA256withECDSA")
                .build(key.getPrivate()));
        String hex = serial.toString(16).toUpperCase();
        // The activation must exist first (AccountCreated is consumed on another channel).
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> given().auth().oauth2(subscriber(account
                .accountId())).get("/api/v1/activation/status").statusCode() == 200);
        TestEvents.publish(EventTypes.CERTIFICATE_ISSUED, hex, new CertificateIssued(account.accountId(),
                UUID.randomUUID(), hex, Base64.getEncoder().encodeToString(certificate.getEncoded()), List.of(),
                now, now.plus(365, ChronoUnit.DAYS), now));
        return hex;
    }
}
