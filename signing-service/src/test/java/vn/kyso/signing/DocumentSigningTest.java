package vn.kyso.signing;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import vn.kyso.signing.crypto.TestTsa;
import vn.kyso.testsupport.JwtKeysTestResource;
import vn.kyso.testsupport.KafkaTestResource;
import vn.kyso.testsupport.PdfSignatures;
import vn.kyso.testsupport.PostgresTestResource;
import vn.kyso.testsupport.SealingKeysTestResource;
import vn.kyso.testsupport.TestPdfs;

/** Whole-PDF items: the subscriber views the document, approves, and gets a PAdES B-T signature that verifies. */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "signing"))
@WithTestResource(JwtKeysTestResource.class)
@WithTestResource(AccountLoginStub.class)
@WithTestResource(TestTsa.class)
@WithTestResource(SealingKeysTestResource.class)
class DocumentSigningTest {

    static final String SERVICE = "activation-service";

    static String service(String name) {
        return io.smallrye.jwt.build.Jwt.issuer("https://kyso.vn/account").audience("kyso-signing-service")
                .subject(name).upn(name).groups(java.util.Set.of("transactions.request")).sign();
    }

    static Map<String, Object> pdfRequest(UUID account, byte[] pdf, String requestRef) {
        Map<String, Object> body = new java.util.HashMap<>(Map.of("accountId", account.toString(), "appName", "Kyso",
                "description", "Ký biên bản nghiệm thu", "items", List.of(Map.of("docId", "acceptance", "fileName",
                        "BIÊN BẢN NGHIỆM THU", "type", "pdf", "document", Base64.getEncoder().encodeToString(pdf)))));
        if (requestRef != null) {
            body.put("requestRef", requestRef);
        }
        return body;
    }

    @Test
    void aPdfIsViewedThenSignedAsPadesWithATimeStamp() throws Exception {
        TransactionTest.Subscriber s = TransactionTest.activeSubscriber();
        byte[] original = TestPdfs.onePage("Bien ban nghiem thu - test");
        String ref = "acceptance:" + UUID.randomUUID();
        String tx = given().auth().oauth2(service(SERVICE)).contentType(ContentType.JSON)
                .body(pdfRequest(s.account(), original, ref)).post("/internal/v1/transactions").then()
                .statusCode(201).body("items[0].type", equalTo("pdf")).extract().path("id");
        // A retried request (same reference) is the same transaction, not a second one.
        given().auth().oauth2(service(SERVICE)).contentType(ContentType.JSON)
                .body(pdfRequest(s.account(), original, ref)).post("/internal/v1/transactions").then()
                .statusCode(200).body("id", equalTo(tx));
        given().auth().oauth2(s.token()).queryParam("status", "PENDING").get("/api/v1/transactions").then()
                .body("id", hasItem(tx)).body("find { it.id == '" + tx + "' }.fileName",
                        equalTo("BIÊN BẢN NGHIỆM THU"));

        byte[] viewed = given().auth().oauth2(s.token()).get("/api/v1/transactions/" + tx + "/document").then()
                .statusCode(200).contentType("application/pdf").extract().asByteArray();
        assertArrayEquals(original, viewed, "view document shows exactly what will be signed");

        JsonPath signed = TransactionTest.approve(s, UUID.fromString(tx), SigningTestSupport.PIN, 200);
        assertEquals("SIGNED", signed.getString("status"));
        assertEquals("PAdES-B-T", signed.getString("items[0].signatureLevel"));

        byte[] pdf = given().auth().oauth2(service(SERVICE)).get("/internal/v1/transactions/" + tx + "/document")
                .then().statusCode(200).contentType("application/pdf").extract().asByteArray();
        assertArrayEquals(pdf, given().auth().oauth2(s.token()).get("/api/v1/transactions/" + tx + "/document")
                .then().statusCode(200).extract().asByteArray());
        List<PdfSignatures.Verified> verified = PdfSignatures.verify(pdf);
        assertEquals(1, verified.size());
        PdfSignatures.Verified v = verified.get(0);
        assertTrue(v.coversWholeFile());
        assertEquals("ETSI.CAdES.detached", v.subFilter());
        assertEquals(s.key(), v.signer().getPublicKey(), "signed with the subscriber's own key");
        assertNotNull(v.timeStamp(), "B-T carries a signature time-stamp");
        String pdfsig = PdfSignatures.pdfsig(pdf, Path.of("target", "pdfsig"));
        if (pdfsig != null) {
            assertTrue(pdfsig.contains("Signature Validation: Signature is Valid."), pdfsig);
        }
    }

    @Test
    void documentsAreOnlyForTheirSubscriberAndRequester() throws Exception {
        TransactionTest.Subscriber owner = TransactionTest.activeSubscriber();
        String tx = given().auth().oauth2(service(SERVICE)).contentType(ContentType.JSON)
                .body(pdfRequest(owner.account(), TestPdfs.onePage("private"), null)).post("/internal/v1/transactions")
                .then().statusCode(201).extract().path("id");
        String stranger = SigningTestSupport.subscriber(UUID.randomUUID());
        given().auth().oauth2(stranger).get("/api/v1/transactions/" + tx + "/document").then().statusCode(404);
        given().auth().oauth2(stranger).get("/api/v1/transactions/" + tx).then().statusCode(404);
        given().auth().oauth2(service("some-other-service")).get("/internal/v1/transactions/" + tx + "/document")
                .then().statusCode(404);
        given().auth().oauth2(owner.token()).get("/internal/v1/transactions/" + tx + "/document").then()
                .statusCode(403);
        given().get("/api/v1/transactions/" + tx + "/document").then().statusCode(401);
        given().auth().oauth2(SigningTestSupport.operator()).get("/internal/v1/transactions/" + tx).then()
                .statusCode(200).body("status", equalTo("PENDING"));
    }

    @Test
    void anUnreadablePdfIsRefusedAndNothingIsStored() throws Exception {
        TransactionTest.Subscriber s = TransactionTest.activeSubscriber();
        byte[] notPdf = "%PDF-1.7 this is not really a pdf".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        given().auth().oauth2(service(SERVICE)).contentType(ContentType.JSON)
                .body(pdfRequest(s.account(), notPdf, null)).post("/internal/v1/transactions").then()
                .statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItem("items[0].document"));
        given().auth().oauth2(service(SERVICE)).contentType(ContentType.JSON)
                .body(Map.of("accountId", s.account().toString(), "appName", "Kyso", "description", "x", "items",
                        List.of(Map.of("docId", "a", "fileName", "a", "type", "pdf", "document", "%%%"))))
                .post("/internal/v1/transactions").then().statusCode(400);
        List<Object> pending = given().auth().oauth2(s.token()).get("/api/v1/transactions").then().statusCode(200)
                .extract().jsonPath().getList("id");
        assertFalse(pending.iterator().hasNext(), "nothing was stored for the refused requests");
    }
}
