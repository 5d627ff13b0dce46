package vn.kyso.signing.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

import org.bouncycastle.asn1.x500.X500Name;
import org.junit.jupiter.api.Test;

import vn.kyso.sdk.crypto.Ades;
import vn.kyso.sdk.crypto.TimeStamps;
import vn.kyso.commons.crypto.custody.KeySigner;
import vn.kyso.testsupport.PdfSignatures;
import vn.kyso.testsupport.TestPdfs;

/**
 * PAdES from EU DSS with keys that sign only through a {@link KeySigner}, RSA and EC, judged by an independent CMS
 * check and by poppler's pdfsig: B-B when no TSA answers, incremental signatures that keep the earlier ones valid.
 */
class PadesTest {

    record Key(KeySigner signer, String algorithm, X509Certificate certificate) {
    }

    static Key key(String algorithm) throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance(algorithm.startsWith("RSA") ? "RSA" : "EC");
        if (algorithm.startsWith("RSA")) {
            generator.initialize(2048);
        } else {
            generator.initialize(new ECGenParameterSpec("secp256r1"));
        }
        KeyPair pair = generator.generateKeyPair();
        String der = TestDevice.certificateFor(pair.getPublic(), BigInteger.valueOf(System.nanoTime()),
                new X500Name("C=VN,CN=Nguyễn Văn Ký"));
        X509Certificate certificate = (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(Base64.getDecoder().decode(der)));
        return new Key(TestPki.signerOf(pair.getPrivate()), algorithm, certificate);
    }

    @Test
    void rsaAndEcKeysSignAtBbWhenNoTsaAnswersAndBothJudgesAccept() throws Exception {
        for (String algorithm : List.of("RSA-2048", "EC-P256")) {
            Key key = key(algorithm);
            TimeStamps silent = (oid, imprint) -> Optional.empty();
            Pades.Signed signed = Pades.sign(TestPdfs.onePage("Hop dong " + algorithm), new Ades.Signer(key.signer()::sign,
                    key.algorithm(), List.of(key.certificate()), null, "Ký hợp đồng", "Hà Nội"), Instant.now(), silent);
            assertEquals("PAdES-B-B", signed.level(), algorithm);
            List<PdfSignatures.Verified> verified = PdfSignatures.verify(signed.pdf());
            assertEquals(1, verified.size());
            assertTrue(verified.get(0).coversWholeFile());
            assertEquals(key.certificate(), verified.get(0).signer());
            assertNull(verified.get(0).timeStamp());
            assertEquals(new org.bouncycastle.cms.CMSSignedData(signed.cms()).getSignerInfos().size(), 1,
                    "the kept CMS is the embedded one, without padding");
            String pdfsig = PdfSignatures.pdfsig(signed.pdf(), Path.of("target", "pdfsig"));
            if (pdfsig != null) {
                assertTrue(pdfsig.contains("Signature Validation: Signature is Valid."), pdfsig);
            }
        }
    }

    @Test
    void aSecondSignatureIsAnIncrementalUpdateThatKeepsTheFirstValid() throws Exception {
        Key first = key("RSA-2048");
        Key second = key("EC-P256");
        byte[] once = Pades.sign(TestPdfs.onePage("Bien ban hai ben"), new Ades.Signer(first.signer()::sign, "RSA-2048",
                List.of(first.certificate()), null, "Bên A", null), Instant.now(), TimeStamps.NONE).pdf();
        byte[] twice = Pades.sign(once, new Ades.Signer(second.signer()::sign, "EC-P256", List.of(second.certificate()),
                null, "Bên B", null), Instant.now(), TimeStamps.NONE).pdf();
        assertTrue(java.util.Arrays.equals(once, java.util.Arrays.copyOf(twice, once.length)), "appended, not rewritten");
        List<PdfSignatures.Verified> verified = PdfSignatures.verify(twice);
        assertEquals(2, verified.size());
        assertEquals(first.certificate(), verified.get(0).signer());
        assertEquals(second.certificate(), verified.get(1).signer());
    }
}
