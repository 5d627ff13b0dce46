package vn.kyso.signing.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import vn.kyso.sdk.crypto.Ades;
import vn.kyso.sdk.crypto.AdesValidation;
import vn.kyso.sdk.crypto.TrustedLists;
import vn.kyso.testsupport.TestPdfs;

/**
 * Trusted lists (ETSI TS 119 612) as anchors: a CA the validation knows only from a list is trusted while the list is
 * signed by the certificate named for it and current; a list signed by anyone else, changed after signing, or past
 * its next update anchors nothing.
 */
class TrustedListsTest {

    static TestPki pki;
    static TestPki.Subscriber signer;
    static TestPki scheme;
    static TestPki.Subscriber operator;
    static byte[] signedPdf;

    @TempDir
    Path dir;

    @BeforeAll
    static void pki() throws Exception {
        pki = new TestPki();
        signer = pki.subscriber("EC-P256", "Nguyễn Văn Danh Sách");
        scheme = new TestPki();
        operator = scheme.subscriber("EC-P256", "Kyso Test Scheme Operator");
        signedPdf = Ades.sign(Ades.Spec.of(Ades.Format.PADES, Ades.Packaging.ENVELOPED, Ades.Level.B_LT),
                Ades.Content.of(TestPdfs.onePage("Hop dong tin cay"), "hop-dong.pdf"), signer.ades(pki, null),
                Instant.now(), pki.evidence()).bytes();
    }

    private byte[] signedList(TestPki.Subscriber by, TestPki of, Instant nextUpdate) {
        Instant now = Instant.now();
        byte[] list = TestTrustedList.xml(List.of(new TestTrustedList.Service(pki.root, TestTrustedList.GRANTED,
                now.minus(30, ChronoUnit.DAYS))), now.minus(1, ChronoUnit.HOURS), nextUpdate);
        return Ades.sign(Ades.Spec.of(Ades.Format.XADES, Ades.Packaging.ENVELOPED, Ades.Level.B_B),
                Ades.Content.of(list, "tl.xml"), by.ades(of, null), now, Ades.Evidence.NONE).bytes();
    }

    private TrustedLists lists(byte[] list) throws Exception {
        Path file = Files.write(dir.resolve("tl-" + System.nanoTime() + ".xml"), list);
        return TrustedLists.of(List.of(new TrustedLists.Source(file.toUri().toString(),
                List.of(operator.certificate()))), pki.fetcher());
    }

    private static AdesValidation.SignatureOutcome validate(TrustedLists lists) {
        var outcome = AdesValidation.validate(signedPdf, "hop-dong.pdf", List.of(), List.of(), lists, pki.fetcher(),
                Instant.now(), false);
        return outcome.signatures().get(0);
    }

    @Test
    void aCaKnownOnlyFromAWellSignedCurrentListIsTrusted() throws Exception {
        assertEquals("NO_CERTIFICATE_CHAIN_FOUND", validate(null).subIndication(), "no anchor without the list");
        TrustedLists lists = lists(signedList(operator, scheme, Instant.now().plus(180, ChronoUnit.DAYS)));
        assertEquals("NO_CERTIFICATE_CHAIN_FOUND", validate(lists).subIndication(), "nothing before the refresh");
        List<TrustedLists.Status> status = lists.refresh();
        assertEquals(1, status.size());
        assertTrue(status.get(0).used(), status.toString());
        assertEquals("VN", status.get(0).territory());
        assertEquals(1, status.get(0).certificates());
        AdesValidation.SignatureOutcome outcome = validate(lists);
        assertEquals("TOTAL_PASSED", outcome.indication(), outcome.toString());
        assertEquals("CN=Kyso Test Root,O=Kyso Test,C=VN", outcome.trustAnchor());
    }

    @Test
    void aListSignedByAnyoneElseChangedOrStaleAnchorsNothing() throws Exception {
        TestPki.Subscriber impostor = scheme.subscriber("EC-P256", "Kyso Test Scheme Operator");
        TrustedLists foreign = lists(signedList(impostor, scheme, Instant.now().plus(180, ChronoUnit.DAYS)));
        TrustedLists.Status status = foreign.refresh().get(0);
        assertFalse(status.used(), status.toString());
        assertTrue(status.problem().contains("not signed by"), status.problem());
        assertEquals("NO_CERTIFICATE_CHAIN_FOUND", validate(foreign).subIndication());

        String good = new String(signedList(operator, scheme, Instant.now().plus(180, ChronoUnit.DAYS)),
                StandardCharsets.UTF_8);
        byte[] changed = good.replace("Kyso Test CA</tsl:Name>", "Kyso Test CA (sửa)</tsl:Name>")
                .getBytes(StandardCharsets.UTF_8);
        TrustedLists tampered = lists(changed);
        assertFalse(tampered.refresh().get(0).used());
        assertEquals("NO_CERTIFICATE_CHAIN_FOUND", validate(tampered).subIndication());

        TrustedLists stale = lists(signedList(operator, scheme, Instant.now().minus(1, ChronoUnit.DAYS)));
        status = stale.refresh().get(0);
        assertFalse(status.used(), status.toString());
        assertEquals("NO_CERTIFICATE_CHAIN_FOUND", validate(stale).subIndication());

        TrustedLists missing = TrustedLists.of(List.of(new TrustedLists.Source(dir.resolve("none.xml").toUri()
                .toString(), List.of(operator.certificate()))), pki.fetcher());
        status = missing.refresh().get(0);
        assertFalse(status.used());
        assertEquals("cannot be fetched", status.problem());
    }
}
