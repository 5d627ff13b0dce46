package vn.kyso.signing.crypto;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Calendar;
import java.util.List;
import java.util.Optional;
import java.util.TimeZone;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.interactive.digitalsignature.ExternalSigningSupport;
import org.apache.pdfbox.pdmodel.interactive.digitalsignature.PDSignature;
import org.apache.pdfbox.pdmodel.interactive.digitalsignature.SignatureOptions;
import org.bouncycastle.asn1.DERSet;
import org.bouncycastle.asn1.cms.Attribute;
import org.bouncycastle.asn1.cms.AttributeTable;
import org.bouncycastle.asn1.cms.CMSAttributes;
import org.bouncycastle.asn1.ess.ESSCertIDv2;
import org.bouncycastle.asn1.ess.SigningCertificateV2;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.IssuerSerial;
import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cms.CMSAttributeTableGenerator;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.CMSSignedDataGenerator;
import org.bouncycastle.cms.DefaultSignedAttributeTableGenerator;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.cms.SignerInformationStore;
import org.bouncycastle.cms.jcajce.JcaSignerInfoGeneratorBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;

import vn.kyso.commons.crypto.custody.CustodyContentSigner;
import vn.kyso.commons.crypto.custody.KeySigner;

/**
 * PAdES baseline signatures (ETSI EN 319 142-1): an incremental update with an ETSI.CAdES.detached signature whose
 * CMS carries the signing-certificate-v2 attribute and the chain (B-B), plus a signature time-stamp when a TSA answers
 * (B-T). The private key is used only through custody.
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

    public static Signed sign(byte[] pdf, Signer signer, Instant signingTime, TimeStamps timeStamps) {
        try (PDDocument doc = Loader.loadPDF(pdf); SignatureOptions options = new SignatureOptions()) {
            PDSignature signature = new PDSignature();
            signature.setFilter(PDSignature.FILTER_ADOBE_PPKLITE);
            signature.setSubFilter(PDSignature.SUBFILTER_ETSI_CADES_DETACHED);
            signature.setName(signer.name());
            signature.setReason(signer.reason());
            signature.setLocation(signer.location());
            Calendar when = Calendar.getInstance(TimeZone.getTimeZone("UTC"));
            when.setTimeInMillis(signingTime.toEpochMilli());
            signature.setSignDate(when);
            options.setPreferredSignatureSize(SIGNATURE_SPACE);
            doc.addSignature(signature, options);
            ByteArrayOutputStream out = new ByteArrayOutputStream(pdf.length + SIGNATURE_SPACE * 2 + 4096);
            ExternalSigningSupport external = doc.saveIncrementalForExternalSigning(out);
            byte[] content = readAll(external.getContent());
            CMSSignedData cms = cms(content, signer);
            String level = "PAdES-B-B";
            Optional<byte[]> token = timeStamps.tokenFor(signatureValue(cms));
            if (token.isPresent()) {
                cms = withSignatureTimeStamp(cms, token.get());
                level = "PAdES-B-T";
            }
            byte[] encoded = cms.getEncoded("DER");
            external.setSignature(encoded);
            return new Signed(out.toByteArray(), encoded, level);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static CMSSignedData cms(byte[] content, Signer signer) {
        try {
            X509Certificate certificate = signer.chain().get(0);
            String algorithm = signer.keyAlgorithm().startsWith("RSA") ? "SHA256withRSA" : "SHA256withECDSA";
            CMSSignedDataGenerator generator = new CMSSignedDataGenerator();
            generator.addSignerInfoGenerator(new JcaSignerInfoGeneratorBuilder(
                    new JcaDigestCalculatorProviderBuilder().build())
                    .setSignedAttributeGenerator(padesAttributes(certificate))
                    .build(new CustodyContentSigner(signer.key(), algorithm), certificate));
            generator.addCertificates(new JcaCertStore(signer.chain()));
            return generator.generate(new CMSProcessableByteArray(content), false);
        } catch (OperatorCreationException | CMSException | java.security.cert.CertificateEncodingException e) {
            throw new IllegalStateException("cannot build the CMS signature", e);
        }
    }

    /**
     * contentType + messageDigest + signing-certificate-v2; PAdES forbids the CMS signing-time attribute (the time
     * is the dictionary's /M, and the time-stamp's for B-T).
     */
    private static CMSAttributeTableGenerator padesAttributes(X509Certificate certificate) {
        try {
            byte[] certHash = MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded());
            IssuerSerial issuerSerial = new IssuerSerial(new GeneralNames(new GeneralName(
                    X500Name.getInstance(certificate.getIssuerX500Principal().getEncoded()))),
                    new BigInteger(1, certificate.getSerialNumber().toByteArray()));
            Attribute signingCertificate = new Attribute(PKCSObjectIdentifiers.id_aa_signingCertificateV2,
                    new DERSet(new SigningCertificateV2(new ESSCertIDv2(certHash, issuerSerial))));
            DefaultSignedAttributeTableGenerator defaults = new DefaultSignedAttributeTableGenerator(
                    new AttributeTable(signingCertificate));
            return parameters -> defaults.getAttributes(parameters).remove(CMSAttributes.signingTime);
        } catch (NoSuchAlgorithmException | java.security.cert.CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] signatureValue(CMSSignedData cms) {
        return cms.getSignerInfos().getSigners().iterator().next().getSignature();
    }

    private static CMSSignedData withSignatureTimeStamp(CMSSignedData cms, byte[] token) {
        try {
            SignerInformation signer = cms.getSignerInfos().getSigners().iterator().next();
            AttributeTable unsigned = new AttributeTable(new Attribute(
                    PKCSObjectIdentifiers.id_aa_signatureTimeStampToken,
                    new DERSet(new CMSSignedData(token).toASN1Structure())));
            signer = SignerInformation.replaceUnsignedAttributes(signer, unsigned);
            return CMSSignedData.replaceSigners(cms, new SignerInformationStore(signer));
        } catch (CMSException e) {
            throw new IllegalStateException("the time-stamp token cannot be read", e);
        }
    }

    private static byte[] readAll(InputStream in) throws IOException {
        try (in) {
            return in.readAllBytes();
        }
    }
}
