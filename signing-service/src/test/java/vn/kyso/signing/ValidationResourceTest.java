package vn.kyso.signing;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import vn.kyso.sdk.crypto.Ades;
import vn.kyso.signing.crypto.TestPki;
import vn.kyso.signing.crypto.TestTrustedList;
import vn.kyso.signing.crypto.TestTsa;
import vn.kyso.testsupport.JwtKeysTestResource;
import vn.kyso.testsupport.KafkaTestResource;
import vn.kyso.testsupport.PostgresTestResource;
import vn.kyso.testsupport.SealingKeysTestResource;
import vn.kyso.testsupport.TestPdfs;

/**
 * {@code POST /api/v1/validations} as a recipient meets it: an outcome per signature against the operator's anchors,
 * the three reports on request, and a clear 4xx problem for everything that is not a readable signed document.
 */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "signing"))
@WithTestResource(JwtKeysTestResource.class)
@WithTestResource(AccountLoginStub.class)
@WithTestResource(TestTsa.class)
@WithTestResource(SealingKeysTestResource.class)
class ValidationResourceTest {

    private static final AtomicInteger SOURCES = new AtomicInteger(1);

    static TestPki pki;
    static TestPki.Subscriber signer;

    @BeforeAll
    static void anchors() throws Exception {
        pki = new TestPki();
        signer = pki.subscriber("EC-P256", "Đỗ Thị Nhận");
        // The operator's anchor file (kyso.signing.validation.trust-anchors in %test), read on each validation.
        Files.writeString(Path.of("target", "validation-test-anchors.pem"), pki.rootPem());
    }

    /** Each call from its own address: the per-source budget is tested on its own. */
    private static Response validate(Object body) {
        return given().header("X-Forwarded-For", "203.0.113." + SOURCES.incrementAndGet() % 250)
                .contentType(ContentType.JSON).body(body).post("/api/v1/validations");
    }

    private static String b64(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }

    private static JsonPath problem(Response response, int status) {
        response.then().statusCode(status).contentType("application/problem+json");
        String body = response.asString();
        assertFalse(body.contains("Exception") || body.contains("eu.europa") || body.contains("at vn."), body);
        return response.jsonPath();
    }

    @Test
    void aSignedPdfPassesAgainstTheOperatorsAnchorAndComesWithItsReports() throws Exception {
        byte[] pdf = TestPdfs.onePage("Bien nhan");
        // B-LT: the test CA's CRL is not reachable from the service, so it travels in the document.
        byte[] signed = Ades.sign(Ades.Spec.of(Ades.Format.PADES, Ades.Packaging.ENVELOPED, Ades.Level.B_LT),
                Ades.Content.of(pdf, "bien-nhan.pdf"), signer.ades(pki, null), Instant.now(), pki.evidence()).bytes();
        JsonPath outcome = validate(Map.of("document", b64(signed), "name", "../../bien-nhan.pdf", "reports", true))
                .then().statusCode(200).extract().jsonPath();
        assertEquals("bien-nhan.pdf", outcome.getString("documentName"), "a name without its path");
        assertEquals(1, outcome.getInt("validSignaturesCount"), outcome.getString("signatures").toString());
        assertEquals("TOTAL_PASSED", outcome.getString("signatures[0].indication"));
        assertEquals("PAdES", outcome.getString("signatures[0].format"));
        assertEquals("B-LT", outcome.getString("signatures[0].level"));
        assertEquals("Đỗ Thị Nhận", outcome.getString("signatures[0].signedBy"));
        assertEquals("CN=Kyso Test Root,O=Kyso Test,C=VN", outcome.getString("signatures[0].trustAnchor"));
        assertNotNull(outcome.getString("signatures[0].provenSigningTime"));
        assertTrue(outcome.getString("reports.simple").contains("SimpleReport"));
        assertTrue(outcome.getString("reports.detailed").contains("DetailedReport"));
        assertTrue(outcome.getString("reports.etsi").contains("ValidationReport"), "ETSI TS 119 102-2");

        byte[] tampered = signed.clone();
        int box = new String(tampered, StandardCharsets.ISO_8859_1).indexOf("/MediaBox [0.0 0.0 6");
        assertTrue(box > 0);
        tampered[box + "/MediaBox [0.0 0.0 6".length()] ^= 1;
        JsonPath failed = validate(Map.of("document", b64(tampered))).then().statusCode(200).extract().jsonPath();
        assertEquals("TOTAL_FAILED", failed.getString("signatures[0].indication"), failed.prettify());
        assertEquals("HASH_FAILURE", failed.getString("signatures[0].subIndication"));
        assertEquals(0, failed.getInt("validSignaturesCount"));
    }

    @Test
    void aCaKnownOnlyFromTheOperatorsTrustedListIsTrustedOnceTheListIsRefreshed() throws Exception {
        TestPki listed = new TestPki();
        TestPki.Subscriber who = listed.subscriber("EC-P256", "Lý Thị Danh Sách");
        byte[] signed = Ades.sign(Ades.Spec.of(Ades.Format.PADES, Ades.Packaging.ENVELOPED, Ades.Level.B_LT),
                Ades.Content.of(TestPdfs.onePage("Danh sach tin cay"), "ds.pdf"), who.ades(listed, null),
                Instant.now(), listed.evidence()).bytes();
        assertEquals("NO_CERTIFICATE_CHAIN_FOUND", validate(Map.of("document", b64(signed))).then().statusCode(200)
                .extract().path("signatures[0].subIndication"));

        TestPki scheme = new TestPki();
        TestPki.Subscriber operator = scheme.subscriber("EC-P256", "Kyso Test Scheme Operator");
        Instant now = Instant.now();
        byte[] list = TestTrustedList.xml(List.of(new TestTrustedList.Service(listed.root, TestTrustedList.GRANTED,
                now.minus(10, java.time.temporal.ChronoUnit.DAYS))), now.minusSeconds(60), now.plus(30,
                java.time.temporal.ChronoUnit.DAYS));
        Files.write(Path.of("target", "validation-test-tl.xml"), Ades.sign(Ades.Spec.of(Ades.Format.XADES,
                Ades.Packaging.ENVELOPED, Ades.Level.B_B), Ades.Content.of(list, "tl.xml"), operator.ades(scheme,
                null), now, Ades.Evidence.NONE).bytes());
        Files.writeString(Path.of("target", "validation-test-tl-signer.pem"), "-----BEGIN CERTIFICATE-----\n"
                + Base64.getMimeEncoder().encodeToString(operator.certificate().getEncoded())
                + "\n-----END CERTIFICATE-----\n");

        given().auth().oauth2(SigningTestSupport.subscriber(java.util.UUID.randomUUID())).post(
                "/internal/v1/trusted-lists/refresh").then().statusCode(403);
        given().auth().oauth2(SigningTestSupport.operator()).post("/internal/v1/trusted-lists/refresh").then()
                .statusCode(200).body("[0].used", org.hamcrest.Matchers.equalTo(true))
                .body("[0].territory", org.hamcrest.Matchers.equalTo("VN"))
                .body("[0].url", org.hamcrest.Matchers.equalTo("file:target/validation-test-tl.xml"));
        given().auth().oauth2(SigningTestSupport.operator()).get("/internal/v1/trusted-lists").then()
                .statusCode(200).body("[0].certificates", org.hamcrest.Matchers.equalTo(1));
        JsonPath outcome = validate(Map.of("document", b64(signed))).then().statusCode(200).extract().jsonPath();
        assertEquals("TOTAL_PASSED", outcome.getString("signatures[0].indication"), outcome.prettify());

        // The operator rotates the list's signer: the old list, still signed by the old one, anchors nothing.
        Files.writeString(Path.of("target", "validation-test-tl-signer.pem"), pki.rootPem());
        given().auth().oauth2(SigningTestSupport.operator()).post("/internal/v1/trusted-lists/refresh").then()
                .statusCode(200).body("[0].used", org.hamcrest.Matchers.equalTo(false));
        assertEquals("NO_CERTIFICATE_CHAIN_FOUND", validate(Map.of("document", b64(signed))).then().statusCode(200)
                .extract().path("signatures[0].subIndication"));
    }

    @Test
    void whatIsNotAReadableSignedDocumentIsAClearProblem() throws Exception {
        assertEquals("VALIDATION_FAILED", problem(validate(Map.of("name", "x.pdf")), 400).getString("code"));
        problem(validate(Map.of("document", "không phải base64!")), 400);
        problem(validate("[1,2]"), 400);
        String xxe = "<?xml version=\"1.0\"?><!DOCTYPE d [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><d>&x;</d>";
        String laughs = "<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol \"lol\"><!ENTITY lol2 "
                + "\"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\"><!ENTITY lol3 \"&lol2;&lol2;&lol2;&lol2;"
                + "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;\">]><lolz>&lol3;</lolz>";
        for (byte[] junk : List.of("hello".getBytes(StandardCharsets.UTF_8), xxe.getBytes(StandardCharsets.UTF_8),
                laughs.getBytes(StandardCharsets.UTF_8), "<a><b></a>".getBytes(StandardCharsets.UTF_8),
                "<HoaDon/>".getBytes(StandardCharsets.UTF_8), TestPdfs.onePage("Chua ky"),
                TestPdfs.encrypted("Mat"), TestPdfs.deflateBomb(512L * 1024 * 1024),
                new byte[] {0x30, (byte) 0x82, 0x7f, 0x7f, 1, 2, 3})) {
            JsonPath p = problem(validate(Map.of("document", b64(junk))), 422);
            assertEquals("DOCUMENT_UNREADABLE", p.getString("code"), p.prettify());
            assertFalse(p.getString("detail").contains("root:"), "nothing of /etc/passwd is read back");
        }
        String big = b64(new byte[8 * 1024 * 1024 + 16]);
        assertTrue(problem(validate(Map.of("document", big)), 413).getString("detail").contains("8 MiB"));
    }

    @Test
    void aSourceGetsTenAtOnceThenOneEveryTwoSeconds() {
        int refused = 0;
        for (int i = 0; i < 14; i++) {
            Response r = given().header("X-Forwarded-For", "192.0.2.99").contentType(ContentType.JSON)
                    .body(Map.of("document", b64("hello".getBytes(StandardCharsets.UTF_8))))
                    .post("/api/v1/validations");
            if (r.statusCode() == 429) {
                refused++;
                assertNotNull(r.header("Retry-After"));
            } else {
                assertEquals(422, r.statusCode());
            }
        }
        assertTrue(refused >= 3, "past the burst of 10 the source waits: " + refused + " refused");
    }
}
