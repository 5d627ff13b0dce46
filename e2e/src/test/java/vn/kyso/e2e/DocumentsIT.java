package vn.kyso.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Isolated;

import com.fasterxml.jackson.databind.JsonNode;

import vn.kyso.testsupport.Judges;
import vn.kyso.testsupport.Openssl;
import vn.kyso.testsupport.TestDocuments;
import vn.kyso.testsupport.TestPdfs;

/**
 * Finished signed documents from the running stack through CSC {@code signatures/signDoc}: a contract PDF at
 * PAdES B-LTA, the e-invoice at XAdES B-LT and minutes as detached CAdES B-LTA, their validation data (OCSP answers,
 * CRLs, certificates) fetched from Kyso's own OCSP responder and CRLs and embedded, time-stamps from Kyso's TSA — each
 * judged against Kyso's root by pdfsig, xmlsec1 and {@code openssl cms}. With ca-service down a long-term level cannot
 * be reached: signDoc answers 503 and spends nothing, and the same SAD signs once it is back. Kyso's validation
 * service passes the long-term signatures with the OCSP responder and CRLs stopped, and fails a tampered copy.
 */
// Stops ca-service (TSA, OCSP responder, CRLs), which every other suite needs.
@Isolated
class DocumentsIT {

    private static final String SHA256 = "2.16.840.1.101.3.4.2.1";

    @Test
    void signDocReturnsLongTermPadesXadesAndCadesThatValidateAgainstKysosRoot() throws Exception {
        KysoStack stack = KysoStack.shared();
        Api.Subscriber lan = Api.activate(stack, "Phạm Thị Lan");
        KysoStack.Integrator sp = stack.registerIntegrator("Documents " + lan.identifier(), lan.identifier());
        stack.allow(sp, lan);
        String token = Api.json(Api.ok(Api.send("POST", KysoStack.SIGNING + "/csc/v2/oauth2/token", null,
                "application/x-www-form-urlencoded", "grant_type=client_credentials&client_id=" + sp.id()
                        + "&client_secret=" + sp.password()))).get("access_token").asText();
        JsonNode info = Api.json(Api.ok(csc(token, "/credentials/info", Map.of("credentialID", lan.credentialId(),
                "certificates", "chain"))));
        boolean rsa = info.at("/key/algo/0").asText().startsWith("1.2.840.113549");
        String signAlgo = rsa ? "1.2.840.113549.1.1.11" : "1.2.840.10045.4.3.2";

        byte[] pdf = TestPdfs.onePage("Hop dong cung cap dich vu 2026");
        byte[] invoice = TestDocuments.einvoice();
        byte[] minutes = "Biên bản nghiệm thu số 3".getBytes(StandardCharsets.UTF_8);
        byte[] receipt = TestPdfs.onePage("Bien nhan 2026");
        String handle = Api.json(Api.ok(csc(token, "/credentials/authorize", Map.of("credentialID",
                lan.credentialId(), "numSignatures", 4, "hashes", List.of(b64(sha256(pdf)), b64(sha256(invoice)),
                        b64(sha256(minutes)), b64(sha256(receipt))), "hashAlgorithmOID", SHA256, "description",
                "Hợp đồng, hoá đơn, biên bản, biên nhận")))).get("handle").asText();
        Api.ok(lan.confirm(handle));
        String sad = Api.json(Api.ok(csc(token, "/credentials/authorizeCheck", Map.of("handle", handle)))).get("SAD")
                .asText();
        Map<String, Object> request = Map.of("credentialID", lan.credentialId(), "SAD", sad, "returnValidationInfo",
                true, "documents", List.of(
                Map.of("document", b64(pdf), "signature_format", "P", "conformance_level", "Ades-B-LTA",
                        "signAlgo", signAlgo),
                Map.of("document", b64(invoice), "signature_format", "X", "conformance_level", "Ades-B-LT",
                        "signAlgo", signAlgo, "signed_props", List.of(Map.of("attribute_name", "einvoice",
                                "attribute_value", "true"))),
                Map.of("document", b64(minutes), "signature_format", "C", "conformance_level", "Ades-B-LTA",
                        "signAlgo", signAlgo, "signed_envelope_property", "Detached"),
                Map.of("document", b64(receipt), "signature_format", "P", "conformance_level", "Ades-B-T",
                        "signAlgo", signAlgo)));

        // Kyso's TSA, OCSP responder and CRLs down: the level cannot be reached, and nothing is spent.
        stack.stop("ca-service");
        HttpResponse<String> unavailable = csc(token, "/signatures/signDoc", request);
        stack.upAgain();
        assertEquals(503, unavailable.statusCode(), unavailable.body());
        assertEquals("temporarily_unavailable", Api.JSON.readTree(unavailable.body()).get("error").asText());

        JsonNode signed = Api.json(Api.ok(csc(token, "/signatures/signDoc", request)));
        // returnValidationInfo: Kyso's OCSP answers and CRLs the long-term signatures were built with.
        assertTrue(signed.at("/validationInfo/ocsp").size() > 0, signed.get("validationInfo").toString());
        assertTrue(signed.at("/validationInfo/crl").size() > 0, signed.get("validationInfo").toString());
        assertTrue(signed.at("/validationInfo/certificates").size() >= 3, "signer, issuing CA and root");
        Path dir = Files.createDirectories(Path.of("target", "documents-it", handle));
        String root = Api.send("GET", Api.CA + "/ca/root.pem", null, null, null).body();

        byte[] signedPdf = Base64.getDecoder().decode(signed.at("/DocumentWithSignature/0").asText());
        Judges.Verdict pdfsig = Judges.pdfsig(dir, signedPdf);
        assertTrue(pdfsig.output().contains("Signature Validation: Signature is Valid."), pdfsig.output());
        assertTrue(pdfsig.output().contains("Signature #2"), "the document time-stamp of B-LTA: " + pdfsig.output());
        assertTrue(pdfsig.output().substring(pdfsig.output().indexOf("Signature #2")).contains("Total document signed"),
                pdfsig.output());
        String pdfText = new String(signedPdf, StandardCharsets.ISO_8859_1);
        assertTrue(pdfText.contains("/DSS") && pdfText.contains("/OCSPs") || pdfText.contains("/CRLs"),
                "the DSS dictionary carries Kyso's revocation answers");

        byte[] signedInvoice = Base64.getDecoder().decode(signed.at("/DocumentWithSignature/1").asText());
        String xml = new String(signedInvoice, StandardCharsets.UTF_8);
        assertTrue(xml.contains("<NBan><ds:Signature"), "the seller's signature sits in DSCKS/NBan");
        assertTrue(xml.contains(":RevocationValues") && xml.contains(":CertificateValues"),
                "B-LT: validation data in the unsigned properties");
        Judges.Verdict xmlsec = Judges.xmlsec1(dir, signedInvoice, root, List.of("DLHDon",
                "http://uri.etsi.org/01903/v1.3.2#:SignedProperties"));
        assertTrue(xmlsec.ok(), xmlsec.output());

        byte[] cms = Base64.getDecoder().decode(signed.at("/SignatureObject/0").asText());
        Judges.Verdict openssl = Judges.opensslCms(dir, cms, minutes, root);
        assertTrue(openssl.ok() && openssl.output().contains("Verification successful"), openssl.output());
        Openssl.Result printed = Openssl.run("cms", "-cmsout", "-print", "-inform", "DER", "-in",
                Openssl.file(dir, "minutes.p7s", cms));
        assertTrue(printed.output().contains("crls:") && !printed.output().contains("crls:\n    <ABSENT>"),
                "B-LTA CAdES carries revocation data: " + printed.output());
        assertTrue(printed.output().contains("0.4.0.1733.2.4") || printed.output().contains("archiveTimestampV3"),
                "and an archive time-stamp v3");
        Judges.Verdict tampered = Judges.opensslCms(dir, cms, "Biên bản nghiệm thu số 4".getBytes(
                StandardCharsets.UTF_8), root);
        assertFalse(tampered.ok(), "one changed character fails: " + tampered.output());

        // Kyso's own validation (EN 319 102-1) with its OCSP responder and CRLs stopped: the long-term levels still
        // pass on the data they carry; the B-T receipt cannot prove its signer unrevoked; a changed byte fails.
        byte[] signedReceipt = Base64.getDecoder().decode(signed.at("/DocumentWithSignature/2").asText());
        byte[] tamperedPdf = signedPdf.clone();
        int box = new String(tamperedPdf, StandardCharsets.ISO_8859_1).indexOf("/MediaBox [0.0 0.0 6");
        tamperedPdf[box + "/MediaBox [0.0 0.0 6".length()] ^= 1;
        // Online, the B-T receipt passes: Kyso's OCSP responder answers for the signer, the root's CRL for the CA.
        JsonNode online = validate(signedReceipt, null).at("/signatures/0");
        assertEquals("TOTAL_PASSED", online.get("indication").asText(), "B-T with OCSP and CRL up: " + online);
        stack.stop("ca-service");
        try {
            for (Object[] c : List.of(new Object[] {signedPdf, null, "PAdES", "B-LTA"},
                    new Object[] {signedInvoice, null, "XAdES", "B-LT"},
                    new Object[] {cms, minutes, "CAdES", "B-LTA"})) {
                JsonNode v = validate((byte[]) c[0], (byte[]) c[1]);
                JsonNode sig = v.at("/signatures/0");
                assertEquals("TOTAL_PASSED", sig.get("indication").asText(), c[2] + " offline: " + v);
                assertEquals(c[2], sig.get("format").asText());
                assertEquals(c[3], sig.get("level").asText());
                assertTrue(sig.get("trustAnchor").asText().contains("Kyso"), "Kyso's root anchors it: " + v);
                assertEquals("Phạm Thị Lan", sig.get("signedBy").asText());
            }
            JsonNode bt = validate(signedReceipt, null).at("/signatures/0");
            assertEquals("B-T", bt.get("level").asText());
            assertEquals("INDETERMINATE", bt.get("indication").asText(), "B-T carries no revocation data: " + bt);
            JsonNode changed = validate(tamperedPdf, null).at("/signatures");
            assertTrue(java.util.stream.StreamSupport.stream(changed.spliterator(), false).anyMatch(
                    t -> "TOTAL_FAILED".equals(t.get("indication").asText())
                            && "HASH_FAILURE".equals(t.get("subIndication").asText())), changed.toString());
        } finally {
            stack.upAgain();
        }

        // The SAD was spent by the signatures, not by the refused attempt.
        assertEquals(400, csc(token, "/signatures/signDoc", request).statusCode());
    }

    private static JsonNode validate(byte[] document, byte[] detached) throws Exception {
        Map<String, Object> body = detached == null ? Map.of("document", b64(document)) : Map.of("document",
                b64(document), "detachedContents", List.of(Map.of("content", b64(detached), "name", "minutes.txt")));
        return Api.json(Api.ok(Api.send("POST", KysoStack.SIGNING + "/api/v1/validations", null, "application/json",
                Api.JSON.writeValueAsString(body))));
    }

    private static HttpResponse<String> csc(String token, String path, Object body) throws Exception {
        return Api.send("POST", KysoStack.SIGNING + "/csc/v2" + path, token, "application/json",
                Api.JSON.writeValueAsString(body));
    }

    private static byte[] sha256(byte[] data) throws Exception {
        return MessageDigest.getInstance("SHA-256").digest(data);
    }

    private static String b64(byte[] data) {
        return Base64.getEncoder().encodeToString(data);
    }
}
