package vn.kyso.signing.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import vn.kyso.sdk.crypto.Ades.Content;
import vn.kyso.sdk.crypto.Ades.Format;
import vn.kyso.sdk.crypto.Ades.Level;
import vn.kyso.sdk.crypto.Ades.Packaging;
import vn.kyso.sdk.crypto.Ades.Spec;
import vn.kyso.sdk.crypto.Ades;
import vn.kyso.sdk.crypto.AdesValidation;
import vn.kyso.sdk.crypto.AdesValidation.SignatureOutcome;
import vn.kyso.testsupport.TestDocuments;
import vn.kyso.testsupport.TestPdfs;

/**
 * Kyso's validation (EN 319 102-1 through DSS) of every format and level it signs, with the revocation sources up
 * and stopped, and of tampered, re-certified, stripped and revoked signatures.
 */
class AdesValidationTest {

    private static final byte[] XML = ("<?xml version=\"1.0\" encoding=\"UTF-8\"?><HopDong Id=\"hd-1\"><Ben>Công ty A"
            + "</Ben></HopDong>").getBytes(StandardCharsets.UTF_8);
    private static final byte[] TEXT = "Hợp đồng dịch vụ số 12/2026".getBytes(StandardCharsets.UTF_8);

    static TestPki pki;
    static TestPki.Subscriber rsa;
    static TestPki.Subscriber ec;

    @BeforeAll
    static void pki() throws Exception {
        pki = new TestPki();
        rsa = pki.subscriber("RSA-2048", "Nguyễn Văn Ký");
        ec = pki.subscriber("EC-P256", "Trần Thị Số");
    }

    @AfterEach
    void online() {
        pki.online.set(true);
    }

    private static SignatureOutcome only(byte[] document, String name, List<AdesValidation.Detached> detached) {
        return only(document, name, detached, Instant.now());
    }

    private static SignatureOutcome only(byte[] document, String name, List<AdesValidation.Detached> detached,
            Instant at) {
        var outcome = AdesValidation.validate(document, name, detached, List.of(pki.root), pki.fetcher(), at, false);
        assertEquals(1, outcome.signatures().size(), "one signature in " + name);
        return outcome.signatures().get(0);
    }

    private static Ades.Signed sign(Format format, Packaging packaging, Level level, byte[] content, String name,
            TestPki.Subscriber who) {
        return Ades.sign(Spec.of(format, packaging, level), Content.of(content, name), who.ades(pki, null),
                Instant.now(), pki.evidence());
    }

    @Test
    void everyFormatAndLevelPassesAndOnlyTheLongTermLevelsPassWithOcspAndCrlStopped() throws Exception {
        byte[] pdf = TestPdfs.onePage("Hop dong dich vu");
        record Case(Format format, Packaging packaging, byte[] content, String name) {
        }
        List<Case> cases = List.of(new Case(Format.PADES, Packaging.ENVELOPED, pdf, "hop-dong.pdf"),
                new Case(Format.CADES, Packaging.ENVELOPING, TEXT, "hop-dong.txt"),
                new Case(Format.CADES, Packaging.DETACHED, TEXT, "hop-dong.txt"),
                new Case(Format.XADES, Packaging.ENVELOPED, XML, "hop-dong.xml"),
                new Case(Format.XADES, Packaging.ENVELOPING, XML, "hop-dong.xml"),
                new Case(Format.XADES, Packaging.DETACHED, XML, "hop-dong.xml"));
        for (Case c : cases) {
            for (Level level : Level.values()) {
                Ades.Signed signed = sign(c.format(), c.packaging(), level, c.content(), c.name(),
                        level.ordinal() % 2 == 0 ? rsa : ec);
                List<AdesValidation.Detached> detached = c.packaging() == Packaging.DETACHED
                        ? List.of(new AdesValidation.Detached(c.content(), c.name())) : List.of();
                String what = c.format() + " " + c.packaging() + " " + level;
                SignatureOutcome up = only(signed.bytes(), "signed", detached);
                assertEquals("TOTAL_PASSED", up.indication(), what + ": " + up);
                assertEquals(c.format().label(), up.format(), what);
                assertEquals(level.label(), up.level(), what);
                assertEquals("CN=Kyso Test Root,O=Kyso Test,C=VN", up.trustAnchor(), what);
                assertEquals(level == Level.B_B ? 0 : level == Level.B_LTA ? 2 : 1, up.timestamps(), what);
                assertNotNull(up.provenSigningTime(), what);
                pki.online.set(false);
                SignatureOutcome down = only(signed.bytes(), "signed", detached);
                pki.online.set(true);
                boolean longTerm = level == Level.B_LT || level == Level.B_LTA;
                assertEquals(longTerm ? "TOTAL_PASSED" : "INDETERMINATE", down.indication(),
                        what + " with OCSP and CRL stopped: " + down);
            }
        }
    }

    @Test
    void theEinvoiceValidatesAndAChangedPriceFails() throws Exception {
        Ades.Signed signed = Ades.sign(new Spec(Format.XADES, Packaging.ENVELOPED, Level.B_LTA, "SHA-256", null,
                Ades.XmlTarget.EINVOICE, false), Content.of(TestDocuments.einvoice(), "hoa-don.xml"),
                rsa.ades(pki, null), Instant.now(), pki.evidence());
        pki.online.set(false);
        SignatureOutcome outcome = only(signed.bytes(), "hoa-don.xml", List.of());
        assertEquals("TOTAL_PASSED", outcome.indication(), outcome.toString());
        assertEquals("B-LTA", outcome.level());
        String xml = new String(signed.bytes(), StandardCharsets.UTF_8);
        String price = xml.substring(xml.indexOf("<ThTien>"), xml.indexOf("</ThTien>"));
        SignatureOutcome changed = only(xml.replaceFirst(price, price + "0").getBytes(StandardCharsets.UTF_8),
                "hoa-don.xml", List.of());
        assertEquals("TOTAL_FAILED", changed.indication(), changed.toString());
        assertEquals("HASH_FAILURE", changed.subIndication(), changed.toString());
    }

    @Test
    void oneChangedByteOfTheContentIsAHashFailure() throws Exception {
        Ades.Signed xades = sign(Format.XADES, Packaging.ENVELOPED, Level.B_T, XML, "hop-dong.xml", rsa);
        SignatureOutcome xml = only(new String(xades.bytes(), StandardCharsets.UTF_8).replace("Công ty A",
                "Công ty B").getBytes(StandardCharsets.UTF_8), "hop-dong.xml", List.of());
        assertEquals("TOTAL_FAILED/HASH_FAILURE", xml.indication() + "/" + xml.subIndication(), xml.toString());

        Ades.Signed cades = sign(Format.CADES, Packaging.DETACHED, Level.B_T, TEXT, "hop-dong.txt", ec);
        byte[] changed = TEXT.clone();
        changed[changed.length - 1] ^= 1;
        SignatureOutcome cms = only(cades.bytes(), "hop-dong.p7s", List.of(new AdesValidation.Detached(changed,
                "hop-dong.txt")));
        assertEquals("TOTAL_FAILED/HASH_FAILURE", cms.indication() + "/" + cms.subIndication(), cms.toString());

        Ades.Signed pades = sign(Format.PADES, Packaging.ENVELOPED, Level.B_T, TestPdfs.onePage("Hop dong"),
                "hop-dong.pdf", rsa);
        byte[] pdf = pades.bytes().clone();
        // One digit of the page's size, inside the signed range: the file still parses, the page is another.
        int box = new String(pdf, StandardCharsets.ISO_8859_1).indexOf("/MediaBox");
        int digit = box;
        while (!Character.isDigit(pdf[digit]) || pdf[digit] == '0') {
            digit++;
        }
        pdf[digit] = (byte) (pdf[digit] == '9' ? '8' : pdf[digit] + 1);
        var outcome = AdesValidation.validate(pdf, "hop-dong.pdf", List.of(), List.of(pki.root), pki.fetcher(),
                Instant.now(), false);
        assertTrue(outcome.signatures().stream().noneMatch(s -> s.indication().equals("TOTAL_PASSED")),
                outcome.toString());
        assertEquals("TOTAL_FAILED/HASH_FAILURE", outcome.signatures().get(0).indication() + "/"
                + outcome.signatures().get(0).subIndication(), outcome.toString());
    }

    @Test
    void aReplacedCertificateIsNotTheSigners() throws Exception {
        Ades.Signed signed = sign(Format.XADES, Packaging.ENVELOPING, Level.B_B, XML, "hop-dong.xml", rsa);
        String xml = new String(signed.bytes(), StandardCharsets.UTF_8);
        String mine = Base64.getEncoder().encodeToString(rsa.certificate().getEncoded());
        String other = Base64.getEncoder().encodeToString(ec.certificate().getEncoded());
        assertTrue(xml.contains(mine), "the signer's certificate is in KeyInfo");
        SignatureOutcome outcome = only(xml.replace(mine, other).getBytes(StandardCharsets.UTF_8), "x.xml",
                List.of());
        assertEquals("INDETERMINATE/NO_SIGNING_CERTIFICATE_FOUND", outcome.indication() + "/"
                + outcome.subIndication(), outcome.toString());
    }

    @Test
    void aRemovedTimeStampLosesTheProofThatTheSignatureCameBeforeTheRevocation() throws Exception {
        TestPki.Subscriber who = pki.subscriber("EC-P256", "Lê Văn Thu Hồi");
        Ades.Signed signed = sign(Format.XADES, Packaging.ENVELOPED, Level.B_T, XML, "hop-dong.xml", who);
        pki.revoke(who.certificate(), Instant.now().plusSeconds(1));
        // Validated a minute on: the revocation (a second after signing) is then in the past.
        Instant later = Instant.now().plus(1, ChronoUnit.MINUTES);
        SignatureOutcome stamped = only(signed.bytes(), "hop-dong.xml", List.of(), later);
        assertEquals("TOTAL_PASSED", stamped.indication(), "the time-stamp proves the signature came before the"
                + " revocation: " + stamped);
        String xml = new String(signed.bytes(), StandardCharsets.UTF_8);
        int from = xml.indexOf("<xades:UnsignedProperties");
        int to = xml.indexOf("</xades:UnsignedProperties>") + "</xades:UnsignedProperties>".length();
        assertTrue(from > 0 && to > from, xml);
        SignatureOutcome stripped = only((xml.substring(0, from) + xml.substring(to)).getBytes(
                StandardCharsets.UTF_8), "hop-dong.xml", List.of(), later);
        assertEquals("B-B", stripped.level());
        assertEquals("INDETERMINATE/REVOKED_NO_POE", stripped.indication() + "/" + stripped.subIndication(),
                "without its time-stamp nothing proves the signature came before the revocation: " + stripped);
    }

    @Test
    void aSignatureMadeAfterTheRevocationFailsAtBtAndCannotBeMadeAtBlta() throws Exception {
        TestPki.Subscriber who = pki.subscriber("EC-P256", "Lê Văn Thu Hồi Trước");
        pki.revoke(who.certificate(), Instant.now().minus(1, ChronoUnit.HOURS));
        Ades.Signed signed = sign(Format.XADES, Packaging.ENVELOPED, Level.B_T, XML, "hop-dong.xml", who);
        SignatureOutcome outcome = only(signed.bytes(), "hop-dong.xml", List.of());
        assertEquals("INDETERMINATE/REVOKED_NO_POE", outcome.indication() + "/" + outcome.subIndication(),
                outcome.toString());
        // B-LT and B-LTA fetch the certificate's status while signing: a revoked signer is refused outright.
        Ades.Refused refused = assertThrows(Ades.Refused.class, () -> sign(Format.XADES, Packaging.ENVELOPED,
                Level.B_LTA, XML, "hop-dong.xml", who));
        assertTrue(refused.getMessage().contains("revoked"), refused.getMessage());
    }

    @Test
    void aBltaSignatureStaysValidAfterItsSignerIsRevoked() throws Exception {
        TestPki.Subscriber who = pki.subscriber("RSA-2048", "Phạm Thị Lưu Trữ");
        Ades.Signed signed = sign(Format.PADES, Packaging.ENVELOPED, Level.B_LTA, TestPdfs.onePage("Luu tru"),
                "luu-tru.pdf", who);
        pki.revoke(who.certificate(), Instant.now().plusSeconds(1));
        SignatureOutcome outcome = only(signed.bytes(), "luu-tru.pdf", List.of(), Instant.now().plus(1,
                ChronoUnit.MINUTES));
        assertEquals("TOTAL_PASSED", outcome.indication(), outcome.toString());
    }

    @Test
    void aPdfWhoseStreamInflatesToHalfAGigabyteIsSignedAndValidatedWithoutRenderingIt() throws Exception {
        byte[] bomb = TestPdfs.deflateBomb(512L * 1024 * 1024);
        assertTrue(bomb.length < 2 * 1024 * 1024, "a small file: " + bomb.length);
        Ades.Signed signed = sign(Format.PADES, Packaging.ENVELOPED, Level.B_T, bomb, "bom.pdf", ec);
        java.lang.management.ThreadMXBean cpu = java.lang.management.ManagementFactory.getThreadMXBean();
        long before = cpu.getCurrentThreadCpuTime();
        SignatureOutcome outcome = only(signed.bytes(), "bom.pdf", List.of());
        long cpuMillis = (cpu.getCurrentThreadCpuTime() - before) / 1_000_000;
        assertEquals("TOTAL_PASSED", outcome.indication(), outcome.toString());
        // Rendering the page to compare revisions took ~15 s of CPU here; not inflating it, well under a second.
        assertTrue(cpuMillis < 5_000, "the page's stream was not inflated: " + cpuMillis + " ms of CPU");
    }

    @Test
    void whatIsNotASignedDocumentIsRefused() {
        for (String junk : List.of("", "hello", "<a><b></a>", "<!DOCTYPE a [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><a>&x;</a>",
                "<a/>")) {
            assertThrows(Ades.Refused.class, () -> AdesValidation.validate(junk.getBytes(StandardCharsets.UTF_8),
                    "x", List.of(), List.of(pki.root), null, Instant.now(), false), junk);
        }
    }
}
