package vn.kyso.testsupport;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.interactive.digitalsignature.PDSignature;
import org.bouncycastle.asn1.cms.Attribute;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;
import org.bouncycastle.tsp.TimeStampToken;

/**
 * An independent check of a PAdES-signed PDF, for tests: the byte range covers the whole file but the signature, the
 * CMS verifies over it with the embedded signer certificate, PAdES attributes are right, and any signature time-stamp
 * covers the signature value. Optionally asks poppler's {@code pdfsig} as a second judge.
 */
public final class PdfSignatures {

    private PdfSignatures() {
    }

    /** What one verified signature says. */
    public record Verified(X509Certificate signer, String subFilter, boolean coversWholeFile, Instant timeStamp,
            int certificates) {
    }

    /** Verifies every signature and throws {@link AssertionError} on the first that fails. */
    public static List<Verified> verify(byte[] pdf) throws Exception {
        List<Verified> out = new ArrayList<>();
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            for (PDSignature signature : doc.getSignatureDictionaries()) {
                int[] range = signature.getByteRange();
                boolean whole = range.length == 4 && range[0] == 0 && range[1] + (range[3] - range[2]) < pdf.length
                        && range[2] + range[3] == pdf.length;
                byte[] signedContent = signature.getSignedContent(pdf);
                CMSSignedData cms = new CMSSignedData(new CMSProcessableByteArray(signedContent),
                        signature.getContents(pdf));
                SignerInformation signer = cms.getSignerInfos().getSigners().iterator().next();
                @SuppressWarnings("unchecked")
                X509CertificateHolder holder = (X509CertificateHolder) cms.getCertificates().getMatches(signer.getSID())
                        .iterator().next();
                X509Certificate certificate = new JcaX509CertificateConverter().getCertificate(holder);
                if (!signer.verify(new JcaSimpleSignerInfoVerifierBuilder().build(certificate))) {
                    throw new AssertionError("the CMS signature does not verify over the byte range");
                }
                if (signer.getSignedAttributes().get(PKCSObjectIdentifiers.id_aa_signingCertificateV2) == null) {
                    throw new AssertionError("PAdES needs the signing-certificate-v2 attribute");
                }
                if (signer.getSignedAttributes().get(PKCSObjectIdentifiers.pkcs_9_at_signingTime) != null) {
                    throw new AssertionError("PAdES forbids the CMS signing-time attribute");
                }
                Instant stamped = null;
                Attribute tsa = signer.getUnsignedAttributes() == null ? null
                        : signer.getUnsignedAttributes().get(PKCSObjectIdentifiers.id_aa_signatureTimeStampToken);
                if (tsa != null) {
                    TimeStampToken token = new TimeStampToken(new CMSSignedData(tsa.getAttrValues().getObjectAt(0)
                            .toASN1Primitive().getEncoded()));
                    byte[] imprint = MessageDigest.getInstance("SHA-256").digest(signer.getSignature());
                    if (!MessageDigest.isEqual(imprint, token.getTimeStampInfo().getMessageImprintDigest())) {
                        throw new AssertionError("the time-stamp does not cover the signature value");
                    }
                    @SuppressWarnings("unchecked")
                    X509CertificateHolder tsaCert = (X509CertificateHolder) token.getCertificates()
                            .getMatches(token.getSID()).iterator().next();
                    token.validate(new JcaSimpleSignerInfoVerifierBuilder().build(tsaCert));
                    stamped = token.getTimeStampInfo().getGenTime().toInstant();
                }
                out.add(new Verified(certificate, signature.getSubFilter(), whole, stamped,
                        cms.getCertificates().getMatches(null).size()));
            }
        }
        if (out.isEmpty()) {
            throw new AssertionError("the PDF carries no signature");
        }
        return out;
    }

    /** poppler's {@code pdfsig} output for the file, or null where poppler-utils is not installed. */
    public static String pdfsig(byte[] pdf, Path workDir) throws IOException, InterruptedException {
        if (!Files.isExecutable(Path.of("/usr/bin/pdfsig"))) {
            return null;
        }
        Files.createDirectories(workDir);
        Path file = Files.createTempFile(workDir, "signed-", ".pdf");
        Files.write(file, pdf);
        Process process = new ProcessBuilder("/usr/bin/pdfsig", file.toString()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        process.waitFor(30, TimeUnit.SECONDS);
        return output;
    }
}
