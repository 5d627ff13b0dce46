package vn.kyso.signing.crypto;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Optional;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.interactive.digitalsignature.PDSignature;

import org.bouncycastle.asn1.ASN1InputStream;

import eu.europa.esig.dss.enumerations.DigestAlgorithm;
import eu.europa.esig.dss.enumerations.SignatureLevel;
import eu.europa.esig.dss.model.DSSDocument;
import eu.europa.esig.dss.model.DSSException;
import eu.europa.esig.dss.model.InMemoryDocument;
import eu.europa.esig.dss.model.SignatureValue;
import eu.europa.esig.dss.model.TimestampBinary;
import eu.europa.esig.dss.model.ToBeSigned;
import eu.europa.esig.dss.model.x509.CertificateToken;
import eu.europa.esig.dss.pades.PAdESSignatureParameters;
import eu.europa.esig.dss.pades.signature.PAdESService;
import eu.europa.esig.dss.spi.validation.CommonCertificateVerifier;
import eu.europa.esig.dss.spi.x509.CommonCertificateSource;
import eu.europa.esig.dss.spi.x509.tsp.TSPSource;
import eu.europa.esig.dss.utils.Utils;

import vn.kyso.commons.crypto.custody.KeySigner;

/**
 * PAdES baseline signatures (ETSI EN 319 142-1) built by EU DSS: an incremental update with an ETSI.CAdES.detached
 * signature carrying the signing certificate and its chain (B-B), plus a signature time-stamp when the TSA answers
 * (B-T). DSS computes what is signed; the private key signs it only through custody.
 */
public final class Pades {

    /** Room reserved in the PDF for the CMS: signer + CA chain + a time-stamp token with its own chain. */
    private static final int SIGNATURE_SPACE = 32 * 1024;

    private Pades() {
    }

    /** Who signs, and what the signature dictionary says. */
    public record Signer(KeySigner key, String keyAlgorithm, List<X509Certificate> chain, String name, String reason,
            String location) {
    }

    /** A signed PDF and what it carries. */
    public record Signed(byte[] pdf, byte[] cms, String level) {
    }

    /** A document the service accepts for signing, or the reason it cannot be signed. */
    public static Optional<String> problemWith(byte[] pdf) {
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            if (doc.isEncrypted()) {
                return Optional.of("is encrypted");
            }
            if (doc.getNumberOfPages() == 0) {
                return Optional.of("has no page");
            }
            return Optional.empty();
        } catch (IOException | RuntimeException e) {
            return Optional.of("is not a readable PDF");
        }
    }

    /** B-T when the TSA answers, else B-B: a signature is never lost to an unreachable TSA. */
    public static Signed sign(byte[] pdf, Signer signer, Instant signingTime, TimeStamps timeStamps) {
        if (timeStamps != TimeStamps.NONE) {
            try {
                return sign(pdf, signer, signingTime, SignatureLevel.PAdES_BASELINE_T, timeStamps);
            } catch (NoTimeStamp e) {
                // signed again below without the time-stamp
            }
        }
        return sign(pdf, signer, signingTime, SignatureLevel.PAdES_BASELINE_B, TimeStamps.NONE);
    }

    private static Signed sign(byte[] pdf, Signer signer, Instant signingTime, SignatureLevel level,
            TimeStamps timeStamps) {
        PAdESSignatureParameters parameters = new PAdESSignatureParameters();
        parameters.setSignatureLevel(level);
        parameters.setDigestAlgorithm(DigestAlgorithm.SHA256);
        parameters.getSignatureTimestampParameters().setDigestAlgorithm(DigestAlgorithm.SHA256);
        parameters.setSigningCertificate(new CertificateToken(signer.chain().get(0)));
        parameters.setCertificateChain(signer.chain().stream().map(CertificateToken::new).toList());
        parameters.bLevel().setSigningDate(Date.from(signingTime));
        parameters.setSignerName(signer.name());
        parameters.setReason(signer.reason());
        parameters.setLocation(signer.location());
        parameters.setContentSize(SIGNATURE_SPACE);
        // The chain also names the issuers DSS meets in the time-stamp (Kyso's TSA has its certificate from Kyso's CA).
        CommonCertificateVerifier verifier = new CommonCertificateVerifier();
        CommonCertificateSource chain = new CommonCertificateSource();
        signer.chain().forEach(c -> chain.addCertificate(new CertificateToken(c)));
        verifier.setAdjunctCertSources(chain);
        PAdESService service = new PAdESService(verifier);
        if (level == SignatureLevel.PAdES_BASELINE_T) {
            service.setTspSource(tsp(timeStamps));
        }
        DSSDocument document = new InMemoryDocument(pdf);
        ToBeSigned toBeSigned = service.getDataToSign(document, parameters);
        boolean rsa = signer.keyAlgorithm().startsWith("RSA");
        byte[] value = signer.key().sign(rsa ? "SHA256withRSA" : "SHA256withECDSA", toBeSigned.getBytes());
        DSSDocument signed;
        try {
            signed = service.signDocument(document, parameters, new SignatureValue(
                    parameters.getSignatureAlgorithm(), value));
        } catch (RuntimeException e) {
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t instanceof NoTimeStamp) {
                    throw new NoTimeStamp();
                }
            }
            throw e;
        }
        byte[] bytes;
        try {
            bytes = Utils.toByteArray(signed.openStream());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Signed(bytes, lastSignature(bytes), level == SignatureLevel.PAdES_BASELINE_T ? "PAdES-B-T"
                : "PAdES-B-B");
    }

    /** DSS asks for the signature time-stamp over a digest it computed; Kyso's TSA client gets it. */
    private static TSPSource tsp(TimeStamps timeStamps) {
        return (digestAlgorithm, digest) -> new TimestampBinary(timeStamps.tokenForImprint(digestAlgorithm.getOid(),
                digest).orElseThrow(NoTimeStamp::new));
    }

    /** The CMS of the document's last signature, as the transaction keeps it (without the reserved space's padding). */
    private static byte[] lastSignature(byte[] pdf) {
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            PDSignature signature = doc.getLastSignatureDictionary();
            try (ASN1InputStream cms = new ASN1InputStream(signature.getContents(pdf))) {
                return cms.readObject().getEncoded();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The TSA gave no token. */
    private static final class NoTimeStamp extends DSSException {
        NoTimeStamp() {
            super("no time-stamp token");
        }
    }
}
