package vn.kyso.signing;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.imageio.ImageIO;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.interactive.digitalsignature.PDSignature;
import org.apache.pdfbox.pdmodel.interactive.form.PDSignatureField;
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

/** "Ký tài liệu": a subscriber uploads a PDF, sees its pages, places the signature, approves, downloads, deletes. */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "signing"))
@WithTestResource(JwtKeysTestResource.class)
@WithTestResource(AccountLoginStub.class)
@WithTestResource(TestTsa.class)
@WithTestResource(SealingKeysTestResource.class)
class SubscriberDocumentsTest {

    static String upload(String token, String name, byte[] pdf, int status) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("fileName", name,
                        "document", Base64.getEncoder().encodeToString(pdf))).post("/api/v1/documents").then()
                .statusCode(status).extract().path(status == 201 ? "id" : "code");
    }

    static Map<String, Object> at(int page, float x, float y, float width, float height) {
        return Map.of("placement", Map.of("page", page, "x", x, "y", y, "width", width, "height", height));
    }

    @Test
    void aPdfIsPlacedApprovedDownloadedAndDeleted() throws Exception {
        TransactionTest.Subscriber s = TransactionTest.activeSubscriber();
        byte[] original = TestPdfs.onePage("Hop dong mua ban");
        String id = upload(s.token(), "C:\\Users\\An\\Hợp đồng mua bán.pdf", original, 201);
        given().auth().oauth2(s.token()).get("/api/v1/documents/" + id).then().statusCode(200)
                .body("fileName", equalTo("Hợp đồng mua bán")).body("status", equalTo("DRAFT"))
                .body("pageCount", equalTo(1)).body("pages[0].width", equalTo(612.0f))
                .body("pages[0].height", equalTo(792.0f));
        given().auth().oauth2(s.token()).get("/api/v1/documents").then().statusCode(200).body("id", hasItem(id));

        byte[] png = given().auth().oauth2(s.token()).get("/api/v1/documents/" + id + "/pages/1").then()
                .statusCode(200).contentType("image/png").extract().asByteArray();
        BufferedImage page = ImageIO.read(new ByteArrayInputStream(png));
        assertEquals(800, page.getWidth(), "drawn at the preview width");
        assertEquals(Math.round(792 * 800 / 612f), page.getHeight(), 1, "the page's proportions kept");
        given().auth().oauth2(s.token()).get("/api/v1/documents/" + id + "/pages/2").then().statusCode(400)
                .contentType("application/problem+json");

        // Off the page, or too small: refused, nothing asked of the subscriber.
        given().auth().oauth2(s.token()).contentType(ContentType.JSON).body(at(1, 500, 700, 200, 60))
                .post("/api/v1/documents/" + id + "/signature-requests").then().statusCode(400)
                .body("errors.field", hasItem("placement.x"));
        given().auth().oauth2(s.token()).contentType(ContentType.JSON).body(at(2, 10, 10, 200, 60))
                .post("/api/v1/documents/" + id + "/signature-requests").then().statusCode(400)
                .body("errors.field", hasItem("placement.page"));
        given().auth().oauth2(s.token()).contentType(ContentType.JSON).body(Map.of())
                .post("/api/v1/documents/" + id + "/signature-requests").then().statusCode(400);
        given().auth().oauth2(s.token()).queryParam("status", "PENDING").get("/api/v1/transactions").then()
                .body("size()", equalTo(0));

        String tx = given().auth().oauth2(s.token()).contentType(ContentType.JSON)
                .body(Map.of("placement", Map.of("page", 1, "x", 340, "y", 680, "width", 220, "height", 70),
                        "reason", "Đồng ý mua bán"))
                .post("/api/v1/documents/" + id + "/signature-requests").then().statusCode(201)
                .body("status", equalTo("PENDING")).body("description", equalTo("Đồng ý mua bán"))
                .body("items[0].type", equalTo("pdf")).extract().path("id");
        given().auth().oauth2(s.token()).contentType(ContentType.JSON).body(at(1, 10, 10, 200, 60))
                .post("/api/v1/documents/" + id + "/signature-requests").then().statusCode(409)
                .body("code", equalTo("DOCUMENT_IN_USE"));
        given().auth().oauth2(s.token()).delete("/api/v1/documents/" + id).then().statusCode(409)
                .body("code", equalTo("DOCUMENT_IN_USE"));
        given().auth().oauth2(s.token()).get("/api/v1/documents/" + id).then().body("status", equalTo("PENDING"))
                .body("transactionId", equalTo(tx));

        JsonPath signed = TransactionTest.approve(s, UUID.fromString(tx), SigningTestSupport.PIN, 200);
        assertEquals("SIGNED", signed.getString("status"));
        given().auth().oauth2(s.token()).get("/api/v1/documents/" + id).then().body("status", equalTo("SIGNED"))
                .body("signedAt", org.hamcrest.Matchers.notNullValue());

        byte[] pdf = given().auth().oauth2(s.token()).get("/api/v1/documents/" + id + "/content").then()
                .statusCode(200).contentType("application/pdf").extract().asByteArray();
        assertArrayEquals(pdf, given().auth().oauth2(s.token()).get("/api/v1/transactions/" + tx + "/document")
                .then().statusCode(200).extract().asByteArray(), "the history's download is the same PDF");
        PdfSignatures.Verified verified = PdfSignatures.verify(pdf).get(0);
        assertTrue(verified.coversWholeFile());
        assertEquals(s.key(), verified.signer().getPublicKey());
        assertNotNull(verified.timeStamp());
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            PDSignatureField field = (PDSignatureField) doc.getDocumentCatalog().getAcroForm().getFields().get(0);
            PDRectangle rect = field.getWidgets().get(0).getRectangle();
            // 340,680 from the top-left of a 792-point page is 340,42 from PDF's bottom-left origin.
            assertEquals(340, rect.getLowerLeftX(), 1);
            assertEquals(792 - 680 - 70, rect.getLowerLeftY(), 1);
            assertEquals(220, rect.getWidth(), 1);
            assertEquals(70, rect.getHeight(), 1);
            assertNotNull(field.getWidgets().get(0).getAppearance(), "a visible signature");
            PDSignature signature = doc.getLastSignatureDictionary();
            assertEquals("Đồng ý mua bán", signature.getReason());
        }
        byte[] stamped = given().auth().oauth2(s.token()).get("/api/v1/documents/" + id + "/pages/1").then()
                .statusCode(200).extract().asByteArray();
        assertTrue(!java.util.Arrays.equals(png, stamped), "the preview of a signed document shows the stamp");
        java.nio.file.Files.write(java.nio.file.Path.of("target", "stamped-page.png"), stamped); // to look at
        given().auth().oauth2(s.token()).contentType(ContentType.JSON).body(at(1, 10, 10, 200, 60))
                .post("/api/v1/documents/" + id + "/signature-requests").then().statusCode(409)
                .body("code", equalTo("DOCUMENT_ALREADY_SIGNED"));

        given().auth().oauth2(s.token()).delete("/api/v1/documents/" + id).then().statusCode(204);
        given().auth().oauth2(s.token()).get("/api/v1/documents/" + id).then().statusCode(404);
        given().auth().oauth2(s.token()).get("/api/v1/documents").then().body("id", not(hasItem(id)));
        given().auth().oauth2(s.token()).get("/api/v1/transactions/" + tx + "/document").then().statusCode(404)
                .body("code", equalTo("DOCUMENT_NOT_FOUND"));
        given().auth().oauth2(s.token()).get("/api/v1/transactions/" + tx).then().statusCode(200)
                .body("status", equalTo("SIGNED"));
    }

    @Test
    void aSignatureGoesIntoAnEmptyFieldAndARejectedAttemptCanBeRetried() throws Exception {
        TransactionTest.Subscriber s = TransactionTest.activeSubscriber();
        String id = upload(s.token(), "bien-ban.pdf", TestPdfs.withSignatureField("Bien ban", 2, "ChuKyBenA"), 201);
        given().auth().oauth2(s.token()).get("/api/v1/documents/" + id).then().statusCode(200)
                .body("pageCount", equalTo(2)).body("fields[0].name", equalTo("ChuKyBenA"))
                .body("fields[0].page", equalTo(2));
        given().auth().oauth2(s.token()).contentType(ContentType.JSON)
                .body(Map.of("placement", Map.of("field", "NoSuchField")))
                .post("/api/v1/documents/" + id + "/signature-requests").then().statusCode(400)
                .body("errors.field", hasItem("placement.field"));
        String first = given().auth().oauth2(s.token()).contentType(ContentType.JSON)
                .body(Map.of("placement", Map.of("field", "ChuKyBenA")))
                .post("/api/v1/documents/" + id + "/signature-requests").then().statusCode(201)
                .body("description", equalTo("Ký tài liệu bien-ban")).extract().path("id");
        String challenge = given().auth().oauth2(s.token()).get("/api/v1/transactions/" + first).then()
                .extract().path("challenge");
        given().auth().oauth2(s.token()).contentType(ContentType.JSON).body(Map.of("challenge", challenge,
                        "deviceSignature", s.device().sign(challenge)))
                .post("/api/v1/transactions/" + first + "/reject").then().statusCode(200);
        given().auth().oauth2(s.token()).get("/api/v1/documents/" + id).then().body("status", equalTo("REJECTED"));

        String second = given().auth().oauth2(s.token()).contentType(ContentType.JSON)
                .body(Map.of("placement", Map.of("field", "ChuKyBenA")))
                .post("/api/v1/documents/" + id + "/signature-requests").then().statusCode(201).extract().path("id");
        assertTrue(!first.equals(second), "a new attempt is a new transaction");
        given().auth().oauth2(s.token()).get("/api/v1/transactions/" + first + "/document").then().statusCode(404)
                .body("code", equalTo("DOCUMENT_NOT_FOUND")); // the rejected attempt's copy is gone
        TransactionTest.approve(s, UUID.fromString(second), SigningTestSupport.PIN, 200);
        byte[] pdf = given().auth().oauth2(s.token()).get("/api/v1/documents/" + id + "/content").then()
                .statusCode(200).extract().asByteArray();
        assertEquals(1, PdfSignatures.verify(pdf).size());
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            PDSignatureField field = (PDSignatureField) doc.getDocumentCatalog().getAcroForm().getField("ChuKyBenA");
            assertNotNull(field.getValue(), "the existing field holds the signature");
        }
        given().auth().oauth2(s.token()).delete("/api/v1/documents/" + id).then().statusCode(204);
        for (String tx : List.of(first, second)) {
            given().auth().oauth2(s.token()).get("/api/v1/transactions/" + tx + "/document").then().statusCode(404);
        }
    }

    @Test
    void documentsAreTheirOwnersAloneAndBadInputChangesNothing() throws Exception {
        TransactionTest.Subscriber owner = TransactionTest.activeSubscriber();
        String id = upload(owner.token(), "rieng.pdf", TestPdfs.onePage("rieng tu"), 201);
        String stranger = SigningTestSupport.subscriber(UUID.randomUUID());
        for (String path : List.of("", "/pages/1", "/content")) {
            given().auth().oauth2(stranger).get("/api/v1/documents/" + id + path).then().statusCode(404);
        }
        given().auth().oauth2(stranger).contentType(ContentType.JSON).body(at(1, 10, 10, 200, 60))
                .post("/api/v1/documents/" + id + "/signature-requests").then().statusCode(404);
        given().auth().oauth2(stranger).delete("/api/v1/documents/" + id).then().statusCode(404);
        given().get("/api/v1/documents").then().statusCode(401);
        given().auth().oauth2(SigningTestSupport.operator()).get("/api/v1/documents/" + id).then().statusCode(403);

        assertEquals("DOCUMENT_UNREADABLE", upload(owner.token(), "x.pdf", "%PDF-1.7 not really".getBytes(), 422));
        assertEquals("DOCUMENT_UNREADABLE", upload(owner.token(), "x.pdf", TestPdfs.encrypted("secret"), 422));
        assertEquals("DOCUMENT_TOO_LARGE", upload(owner.token(), "x.pdf", new byte[8 * 1024 * 1024 + 4096], 413));
        given().auth().oauth2(owner.token()).contentType(ContentType.JSON).body(Map.of("document", "%%%"))
                .post("/api/v1/documents").then().statusCode(400).contentType("application/problem+json");
        assertEquals("VALIDATION_FAILED", upload(owner.token(), "hop\u202Edong.pdf", TestPdfs.onePage("x"), 400));
        given().auth().oauth2(owner.token()).get("/api/v1/documents").then().body("size()", equalTo(1));

        for (int i = 2; i <= 4; i++) {
            upload(owner.token(), "so-" + i + ".pdf", TestPdfs.onePage("so " + i), 201);
        }
        assertEquals("DOCUMENT_QUOTA_REACHED", upload(owner.token(), "so-5.pdf", TestPdfs.onePage("5"), 409));
        given().auth().oauth2(owner.token()).delete("/api/v1/documents/" + id).then().statusCode(204);
        upload(owner.token(), "so-5.pdf", TestPdfs.onePage("5"), 201);
    }
}
