package vn.kyso.signing.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import vn.kyso.sdk.crypto.Ades.Content;
import vn.kyso.sdk.crypto.Ades.Format;
import vn.kyso.sdk.crypto.Ades.Level;
import vn.kyso.sdk.crypto.Ades.Packaging;
import vn.kyso.sdk.crypto.Ades.Spec;
import vn.kyso.sdk.crypto.Ades;
import vn.kyso.testsupport.Judges;
import vn.kyso.testsupport.PdfSignatures;
import vn.kyso.testsupport.TestDocuments;
import vn.kyso.testsupport.TestPdfs;

/**
 * Every format, packaging and level Kyso signs, made by {@link Ades} with keys that sign only through a
 * {@code KeySigner} and judged by tools Kyso did not write: poppler's pdfsig, {@code openssl cms -verify} and
 * {@code xmlsec1 --verify}; plus the Vietnamese e-invoice's layout and the inputs that are refused.
 */
class AdesTest {

    private static final String XADES_SIGNED_PROPERTIES = "http://uri.etsi.org/01903/v1.3.2#:SignedProperties";

    static TestPki pki;
    static TestPki.Subscriber rsa;
    static TestPki.Subscriber ec;

    @BeforeAll
    static void pki() throws Exception {
        pki = new TestPki();
        rsa = pki.subscriber("RSA-2048", "Nguyễn Văn Ký");
        ec = pki.subscriber("EC-P256", "Trần Thị Số");
    }

    private static Path dir(String name) throws Exception {
        return Files.createDirectories(Path.of("target", "ades", name + "-" + System.nanoTime()));
    }

    @Test
    void cadesEnvelopingAndDetachedAtEveryLevelPassOpenssl() throws Exception {
        byte[] content = "Hợp đồng dịch vụ số 12/2026".getBytes(StandardCharsets.UTF_8);
        for (TestPki.Subscriber who : List.of(rsa, ec)) {
            for (Level level : Level.values()) {
                for (Packaging packaging : List.of(Packaging.ENVELOPING, Packaging.DETACHED)) {
                    int fetches = pki.fetches.get();
                    Ades.Signed signed = Ades.sign(Spec.of(Format.CADES, packaging, level), Content.of(content,
                            "hop-dong.txt"), who.ades(pki, null), Instant.now(), pki.evidence());
                    assertEquals("CAdES-" + level.label(), signed.level());
                    boolean longTerm = level == Level.B_LT || level == Level.B_LTA;
                    assertEquals(longTerm, pki.fetches.get() > fetches, level + ": only the long-term levels fetch"
                            + " revocation data");
                    Judges.Verdict verdict = Judges.opensslCms(dir("cades"), signed.bytes(),
                            packaging == Packaging.DETACHED ? content : null, pki.rootPem());
                    assertTrue(verdict.ok(), who.algorithm() + " " + level + " " + packaging + ": "
                            + verdict.output());
                    assertTrue(verdict.output().contains("Verification successful"), verdict.output());
                }
            }
        }
    }

    @Test
    void cadesDetachedOverADigestOnlyIsTheSameSignatureOpensslAccepts() throws Exception {
        byte[] content = "Biên bản nghiệm thu".getBytes(StandardCharsets.UTF_8);
        Ades.Signed signed = Ades.sign(Spec.of(Format.CADES, Packaging.DETACHED, Level.B_T), Content.digest("SHA-256",
                Digests.sha256(content), "bien-ban.txt"), ec.ades(pki, null), Instant.now(), pki.evidence());
        Judges.Verdict verdict = Judges.opensslCms(dir("cades-digest"), signed.bytes(), content, pki.rootPem());
        assertTrue(verdict.ok(), verdict.output());
        Judges.Verdict tampered = Judges.opensslCms(dir("cades-digest"), signed.bytes(),
                "Biên bản nghiệm thu.".getBytes(StandardCharsets.UTF_8), pki.rootPem());
        assertFalse(tampered.ok(), "a changed byte in the content fails: " + tampered.output());
    }

    @Test
    void xadesEnvelopedEnvelopingAndDetachedPassXmlsec1() throws Exception {
        byte[] xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><HopDong Id=\"hd-1\"><Ben>Công ty A</Ben></HopDong>"
                .getBytes(StandardCharsets.UTF_8);
        for (Level level : Level.values()) {
            for (Packaging packaging : Packaging.values()) {
                TestPki.Subscriber who = level.ordinal() % 2 == 0 ? rsa : ec;
                Ades.Signed signed = Ades.sign(Spec.of(Format.XADES, packaging, level), Content.of(xml,
                        "hop-dong.xml"), who.ades(pki, null), Instant.now(), pki.evidence());
                assertEquals("XAdES-" + level.label(), signed.level());
                Judges.Verdict verdict = packaging == Packaging.DETACHED
                        ? Judges.xmlsec1(dir("xades"), signed.bytes(), pki.rootPem(), List.of(XADES_SIGNED_PROPERTIES),
                                "hop-dong.xml", xml)
                        : Judges.xmlsec1(dir("xades"), signed.bytes(), pki.rootPem(), List.of(XADES_SIGNED_PROPERTIES));
                assertTrue(verdict.ok(), level + " " + packaging + ": " + verdict.output());
            }
        }
    }

    @Test
    void theEinvoiceIsSignedInsideDscksNbanOverDlhdonWithItsSigningTimeObject() throws Exception {
        String plain = new String(TestDocuments.einvoice(), StandardCharsets.UTF_8);
        String taxNamespace = "http://kekhaithue.gdt.gov.vn/TKhaiHDon";
        // Invoices come both without a namespace and in the tax authority's, often with xsi declared: inclusive
        // C14N of the signing-time object sees those declarations, so both shapes are signed and judged.
        String namespaced = plain.replace("<HDon>", "<HDon xmlns=\"" + taxNamespace
                + "\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">");
        // Signed "now", not on a fixed date: the test PKI's certificates are valid from yesterday only.
        Instant signingTime = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        DateTimeFormatter vietnam = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss").withZone(ZoneOffset.ofHours(7));
        String vietnamTime = vietnam.format(signingTime);
        String dayBefore = vietnam.format(signingTime.minus(Duration.ofDays(1)));
        for (String invoice : List.of(plain, namespaced)) {
            String dlhdon = invoice == plain ? "DLHDon" : taxNamespace + ":DLHDon";
            Ades.Signed signed = Ades.sign(new Spec(Format.XADES, Packaging.ENVELOPED, Level.B_T, "SHA-256", null,
                    Ades.XmlTarget.EINVOICE, false), Content.of(invoice.getBytes(StandardCharsets.UTF_8), "hoa-don.xml"),
                    rsa.ades(pki, null), signingTime, pki.evidence());
            String xml = new String(signed.bytes(), StandardCharsets.UTF_8);
            int nban = xml.indexOf("<NBan><ds:Signature");
            assertTrue(nban > xml.indexOf("<DSCKS>"), "the signature is the first child of DSCKS/NBan: " + xml);
            assertTrue(xml.contains("URI=\"#DLHDon-C26TKY-00000123\""), "it covers the invoice data by its Id");
            assertTrue(xml.contains("<SigningTime>" + vietnamTime + "</SigningTime>"), "signing time in Vietnam time: "
                    + vietnamTime);
            assertTrue(xml.contains("Type=\"http://www.w3.org/2000/09/xmldsig#SignatureProperties\""), xml);
            assertTrue(xml.contains(":SignatureTimeStamp"), "B-T: a signature time-stamp in the unsigned properties");
            Judges.Verdict verdict = Judges.xmlsec1(dir("einvoice"), signed.bytes(), pki.rootPem(), List.of(dlhdon,
                    XADES_SIGNED_PROPERTIES));
            assertTrue(verdict.ok(), verdict.output());
            byte[] tampered = xml.replace("<DGia>1200000</DGia>", "<DGia>1100000</DGia>")
                    .getBytes(StandardCharsets.UTF_8);
            Judges.Verdict refused = Judges.xmlsec1(dir("einvoice"), tampered, pki.rootPem(), List.of(dlhdon,
                    XADES_SIGNED_PROPERTIES));
            assertFalse(refused.ok(), "a changed price breaks the seller's signature: " + refused.output());
            byte[] otherTime = xml.replace(vietnamTime, dayBefore)
                    .getBytes(StandardCharsets.UTF_8);
            assertFalse(Judges.xmlsec1(dir("einvoice"), otherTime, pki.rootPem(), List.of(dlhdon,
                    XADES_SIGNED_PROPERTIES)).ok(), "the signing time is signed");
        }
    }

    @Test
    void padesAtEveryLevelWithAVisibleSignaturePassesPdfsig() throws Exception {
        for (Level level : Level.values()) {
            TestPki.Subscriber who = level.ordinal() % 2 == 0 ? ec : rsa;
            Ades.Signed signed = Ades.sign(new Spec(Format.PADES, Packaging.ENVELOPED, level, "SHA-256",
                    new Ades.Appearance(1, 50, 50, 220, 60, null, null), null, level == Level.B_B),
                    Content.of(TestPdfs.onePage("Hop dong " + level), "hop-dong.pdf"), who.ades(pki, null),
                    Instant.now(), pki.evidence());
            assertEquals("PAdES-" + level.label(), signed.level());
            Judges.Verdict verdict = Judges.pdfsig(dir("pades"), signed.bytes());
            assertTrue(verdict.output().contains("Signature Validation: Signature is Valid."), level + ": "
                    + verdict.output());
            if (level == Level.B_B || level == Level.B_T) {
                List<PdfSignatures.Verified> verified = PdfSignatures.verify(signed.bytes());
                assertTrue(verdict.output().contains("Total document signed"), level + ": " + verdict.output());
                assertTrue(verified.get(0).coversWholeFile(), level.toString());
            } else {
                // What follows the signature is validation data: the DSS dictionary (and at B-LTA a document
                // time-stamp, itself covering the whole file), never a change to the signed content.
                String pdf = new String(signed.bytes(), StandardCharsets.ISO_8859_1);
                assertTrue(pdf.contains("/DSS"), level + " embeds a DSS dictionary");
                assertTrue(pdf.contains("/CRLs") || pdf.contains("/OCSPs"), level + " embeds revocation data");
                if (level == Level.B_LTA) {
                    assertTrue(verdict.output().contains("Signature #2"), verdict.output());
                    assertTrue(verdict.output().substring(verdict.output().indexOf("Signature #2"))
                            .contains("Total document signed"), "the archive time-stamp covers it all");
                    assertTrue(pdf.contains("/ETSI.RFC3161"), "a document time-stamp");
                }
            }
        }
    }

    @Test
    void hostileOrImpossibleInputIsRefusedInWords() throws Exception {
        Ades.Signer signer = ec.ades(pki, null);
        Spec enveloped = Spec.of(Format.XADES, Packaging.ENVELOPED, Level.B_B);
        String billionLaughs = "<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol \"lol\"><!ENTITY lol2 "
                + "\"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">]><lolz>&lol2;</lolz>";
        String external = "<?xml version=\"1.0\"?><!DOCTYPE d [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><d>&x;</d>";
        for (String xml : List.of(billionLaughs, external, "not xml at all", "<a><b></a>")) {
            Ades.Refused refused = assertThrows(Ades.Refused.class, () -> Ades.sign(enveloped, Content.of(
                    xml.getBytes(StandardCharsets.UTF_8), "x.xml"), signer, Instant.now(), Ades.Evidence.NONE));
            assertTrue(refused.getMessage().contains("XML"), refused.getMessage());
        }
        Ades.Refused nothing = assertThrows(Ades.Refused.class, () -> Ades.sign(new Spec(Format.XADES,
                Packaging.ENVELOPED, Level.B_B, "SHA-256", null, new Ades.XmlTarget("//Khong/Co", null, false), false),
                Content.of(TestDocuments.einvoice(), "x.xml"), signer, Instant.now(), Ades.Evidence.NONE));
        assertTrue(nothing.getMessage().contains("selects no element"), nothing.getMessage());
        Ades.Refused noPdf = assertThrows(Ades.Refused.class, () -> Ades.sign(Spec.of(Format.PADES,
                Packaging.ENVELOPED, Level.B_B), Content.of("%PDF-1.7 trailer".getBytes(StandardCharsets.UTF_8),
                "x.pdf"), signer, Instant.now(), Ades.Evidence.NONE));
        assertTrue(noPdf.getMessage().contains("PDF"), noPdf.getMessage());
        assertThrows(Ades.Refused.class, () -> Spec.of(Format.PADES, Packaging.DETACHED, Level.B_B));
        assertThrows(Ades.Unavailable.class, () -> Ades.sign(Spec.of(Format.CADES, Packaging.DETACHED, Level.B_T),
                Content.of(new byte[] {1}, "x"), signer, Instant.now(), Ades.Evidence.NONE));
    }
}
