package vn.kyso.sdk.crypto;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x500.style.IETFUtils;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

import eu.europa.esig.dss.alert.SilentOnStatusAlert;
import eu.europa.esig.dss.alert.exception.AlertException;
import eu.europa.esig.dss.cades.CAdESSignatureParameters;
import eu.europa.esig.dss.cades.signature.CAdESService;
import eu.europa.esig.dss.enumerations.CertificationPermission;
import eu.europa.esig.dss.enumerations.DigestAlgorithm;
import eu.europa.esig.dss.enumerations.MimeTypeEnum;
import eu.europa.esig.dss.enumerations.SignatureLevel;
import eu.europa.esig.dss.enumerations.SignaturePackaging;
import eu.europa.esig.dss.enumerations.SignerTextPosition;
import eu.europa.esig.dss.enumerations.TextWrapping;
import eu.europa.esig.dss.model.DSSDocument;
import eu.europa.esig.dss.model.DSSException;
import eu.europa.esig.dss.model.DigestDocument;
import eu.europa.esig.dss.model.InMemoryDocument;
import eu.europa.esig.dss.model.SignatureValue;
import eu.europa.esig.dss.model.TimestampBinary;
import eu.europa.esig.dss.model.ToBeSigned;
import eu.europa.esig.dss.model.x509.CertificateToken;
import eu.europa.esig.dss.pades.DSSFileFont;
import eu.europa.esig.dss.pades.PAdESSignatureParameters;
import eu.europa.esig.dss.pades.SignatureFieldParameters;
import eu.europa.esig.dss.pades.SignatureImageParameters;
import eu.europa.esig.dss.pades.SignatureImageTextParameters;
import eu.europa.esig.dss.pades.signature.PAdESService;
import eu.europa.esig.dss.service.crl.OnlineCRLSource;
import eu.europa.esig.dss.service.ocsp.OnlineOCSPSource;
import eu.europa.esig.dss.signature.AbstractSignatureParameters;
import eu.europa.esig.dss.signature.DocumentSignatureService;
import eu.europa.esig.dss.spi.client.http.DataLoader;
import eu.europa.esig.dss.spi.validation.CommonCertificateVerifier;
import eu.europa.esig.dss.spi.x509.CommonCertificateSource;
import eu.europa.esig.dss.spi.x509.CommonTrustedCertificateSource;
import eu.europa.esig.dss.spi.x509.aia.DefaultAIASource;
import eu.europa.esig.dss.spi.x509.tsp.TSPSource;
import eu.europa.esig.dss.utils.Utils;
import eu.europa.esig.dss.xades.DSSObject;
import eu.europa.esig.dss.xades.XAdESSignatureParameters;
import eu.europa.esig.dss.xades.reference.CanonicalizationTransform;
import eu.europa.esig.dss.xades.reference.DSSReference;
import eu.europa.esig.dss.xades.reference.DSSTransform;
import eu.europa.esig.dss.xades.reference.EnvelopedSignatureTransform;
import eu.europa.esig.dss.xades.signature.XAdESService;
import eu.europa.esig.dss.xml.utils.DomUtils;


/**
 * AdES baseline signatures — PAdES (EN 319 142-1), CAdES (EN 319 122-1) and XAdES (EN 319 132-1), B-B to B-LTA —
 * built by EU DSS around a value only custody computes; the Vietnamese e-invoice is XAdES placed where the tax
 * authority's schema expects the seller's signature.
 */
public final class Ades {

    /** Room reserved in the PDF for the CMS: signer + CA chain + a time-stamp token with its own chain. */
    private static final int PDF_SIGNATURE_SPACE = 32 * 1024;
    private static final ZoneId VIETNAM = ZoneId.of("Asia/Ho_Chi_Minh");
    private static final String XMLDSIG = "http://www.w3.org/2000/09/xmldsig#";
    private static final String C14N = "http://www.w3.org/TR/2001/REC-xml-c14n-20010315";
    /** Where the seller signs an e-invoice (Decree 123/2020, Circular 78/2021): {@code HDon/DSCKS/NBan}. */
    public static final String EINVOICE_SELLER_XPATH = "//*[local-name()='DSCKS']/*[local-name()='NBan']";
    private static final String DEJAVU = "/net/sf/jasperreports/fonts/dejavu/DejaVuSans.ttf";
    private static final Map<String, DigestAlgorithm> DIGESTS = Map.of("SHA-256", DigestAlgorithm.SHA256, "SHA-384",
            DigestAlgorithm.SHA384, "SHA-512", DigestAlgorithm.SHA512);

    private Ades() {
    }

    /** The AdES family: what the signature is embedded in. */
    public enum Format {
        PADES("PAdES"), CADES("CAdES"), XADES("XAdES");

        private final String label;

        Format(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    /** How signature and content travel: PAdES is always enveloped (the signature inside the PDF). */
    public enum Packaging {
        ENVELOPED, ENVELOPING, DETACHED
    }

    /** The baseline levels: signed, time-stamped, with validation data, with archive time-stamps. */
    public enum Level {
        B_B("B-B"), B_T("B-T"), B_LT("B-LT"), B_LTA("B-LTA");

        private final String label;

        Level(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }

        /** {@code B-T}, {@code b-t}, {@code Ades-B-T} (the CSC spelling) or {@code T}. */
        public static Level parse(String text) {
            String t = text.toUpperCase(Locale.ROOT).replace("ADES-", "").replace('_', '-');
            for (Level level : values()) {
                if (level.label.equals(t) || level.label.substring(2).equals(t)) {
                    return level;
                }
            }
            throw new Refused("conformance level " + text + " is not one of B-B, B-T, B-LT, B-LTA");
        }
    }

    /**
     * A visible PDF signature: on a page (1-based) in a rectangle in points from the page's top-left corner, or in an
     * existing empty signature field; an optional PNG/JPEG image beside the text.
     */
    public record Appearance(int page, float x, float y, float width, float height, String field, byte[] image) {
    }

    /**
     * Where an enveloped XML signature goes and what it covers.
     *
     * @param parentXPath the element the signature is appended to (null: the document element)
     * @param referenceId the {@code Id} of the element signed (null: the whole document)
     * @param einvoice the e-invoice layout: in {@code DSCKS/NBan}, over {@code DLHDon}'s Id, with a signing-time object
     */
    public record XmlTarget(String parentXPath, String referenceId, boolean einvoice) {

        public static final XmlTarget EINVOICE = new XmlTarget(EINVOICE_SELLER_XPATH, null, true);
    }

    /** What to make. {@code certify}: PAdES certification signature (DocMDP, form filling and signing allowed). */
    public record Spec(Format format, Packaging packaging, Level level, String digestAlgorithm, Appearance appearance,
            XmlTarget xml, boolean certify) {

        public Spec {
            if (format == Format.PADES && packaging != Packaging.ENVELOPED) {
                throw new Refused("a PAdES signature is always enveloped in the PDF");
            }
            if (format == Format.CADES && packaging == Packaging.ENVELOPED) {
                throw new Refused("a CAdES signature is enveloping or detached");
            }
            if (!DIGESTS.containsKey(digestAlgorithm)) {
                throw new Refused("digest algorithm " + digestAlgorithm + " is not one of SHA-256, SHA-384, SHA-512");
            }
        }

        public static Spec of(Format format, Packaging packaging, Level level) {
            return new Spec(format, packaging, level, "SHA-256", null, null, false);
        }
    }

    /** What is signed: a whole document, or (detached signatures only) a digest of one. */
    public record Content(byte[] document, String name, String digestAlgorithm, byte[] digest) {

        public static Content of(byte[] document, String name) {
            return new Content(document, name, null, null);
        }

        public static Content digest(String digestAlgorithm, byte[] digest, String name) {
            return new Content(null, name, digestAlgorithm, digest);
        }
    }

    /**
     * Computes a signature value where the key is: in custody on the server, or remotely through SP769, NEAC or CSC
     * for the SDK (then {@code data} is hashed here and only its digest travels).
     */
    @FunctionalInterface
    public interface ValueSigner {

        /** @param signatureAlgorithm a JCA name such as {@code SHA256withRSA} or {@code SHA256withECDSA} */
        byte[] sign(String signatureAlgorithm, byte[] data);
    }

    /** Who signs, and what a PDF's signature dictionary and visible stamp say. */
    public record Signer(ValueSigner key, String keyAlgorithm, List<X509Certificate> chain, String name, String reason,
            String location) {
    }

    /**
     * What the long-term levels draw on: the TSA, an HTTP client for the OCSP responders and CRLs the certificates
     * name, and the trust anchors the chains end in.
     */
    public record Evidence(TimeStamps timeStamps, Fetcher fetcher, List<X509Certificate> trustAnchors) {

        public static final Evidence NONE = new Evidence(TimeStamps.NONE, null, List.of());

        public static Evidence timeStampsOnly(TimeStamps timeStamps) {
            return new Evidence(timeStamps, null, List.of());
        }
    }

    /** The signed document, or for a detached signature the signature alone; and the level reached. */
    public record Signed(byte[] bytes, String level) {
    }

    /** The request cannot be met as asked: the caller's error, said in words the caller can act on. */
    public static class Refused extends RuntimeException {
        public Refused(String message) {
            super(message, null, false, false);
        }
    }

    /** The level asked for needs a service (TSA, OCSP, CRL) that did not answer: try again later. */
    public static final class Unavailable extends RuntimeException {
        public Unavailable(String message, Throwable cause) {
            super(message, cause, false, false);
        }
    }

    /** Signs at exactly the level asked for, or throws: {@link Refused} for the input, {@link Unavailable} else. */
    public static Signed sign(Spec spec, Content content, Signer signer, Instant signingTime, Evidence evidence) {
        DSSDocument document = document(spec, content);
        if (spec.level() != Level.B_B && evidence.timeStamps() == TimeStamps.NONE) {
            throw new Unavailable("no time-stamping authority is configured for " + spec.level().label(), null);
        }
        if ((spec.level() == Level.B_LT || spec.level() == Level.B_LTA) && evidence.fetcher() == null) {
            throw new Unavailable("no revocation sources are configured for " + spec.level().label(), null);
        }
        CommonCertificateVerifier verifier = verifier(signer, evidence,
                spec.level() == Level.B_LT || spec.level() == Level.B_LTA);
        try {
            return switch (spec.format()) {
                case PADES -> run(new PAdESService(verifier), pades(spec, signer, signingTime), document, spec,
                        signer, evidence);
                case CADES -> run(new CAdESService(verifier), cades(spec, signer, signingTime), document, spec,
                        signer, evidence);
                case XADES -> run(new XAdESService(verifier), xades(spec, content, signer, signingTime), document,
                        spec, signer, evidence);
            };
        } catch (Refused | Unavailable e) {
            throw e;
        } catch (RuntimeException e) {
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t instanceof NoTimeStamp) {
                    throw new Unavailable("the time-stamping authority did not answer", e);
                }
                if (t instanceof Refused r) {
                    throw r;
                }
                if (t instanceof AlertException && String.valueOf(t.getMessage()).contains("Revoked")) {
                    throw new Refused("the signing certificate is revoked or suspended");
                }
            }
            if (spec.level() == Level.B_LT || spec.level() == Level.B_LTA) {
                throw new Unavailable("the validation data for " + spec.level().label() + " could not be gathered: "
                        + e.getMessage(), e);
            }
            throw e;
        }
    }

    private static <P extends AbstractSignatureParameters<?>> Signed run(DocumentSignatureService<P, ?> service,
            P parameters, DSSDocument document, Spec spec, Signer signer, Evidence evidence) {
        DigestAlgorithm digest = DIGESTS.get(spec.digestAlgorithm());
        parameters.setDigestAlgorithm(digest);
        parameters.setSignatureLevel(SignatureLevel.valueOf(spec.format().label() + "_BASELINE_"
                + spec.level().label().substring(2)));
        parameters.setSigningCertificate(new CertificateToken(signer.chain().get(0)));
        parameters.setCertificateChain(signer.chain().stream().distinct().map(CertificateToken::new).toList());
        if (spec.level() != Level.B_B) {
            TSPSource tsp = (algorithm, imprint) -> new TimestampBinary(evidence.timeStamps()
                    .tokenForImprint(algorithm.getOid(), imprint).orElseThrow(NoTimeStamp::new));
            if (service instanceof PAdESService p) {
                p.setTspSource(tsp);
            } else if (service instanceof CAdESService c) {
                c.setTspSource(tsp);
            } else if (service instanceof XAdESService x) {
                x.setTspSource(tsp);
            }
        }
        ToBeSigned toBeSigned = service.getDataToSign(document, parameters);
        String jca = digest.getName().replace("-", "") + "with" + (signer.keyAlgorithm().startsWith("RSA") ? "RSA"
                : "ECDSA");
        byte[] value = signer.key().sign(jca, toBeSigned.getBytes());
        DSSDocument signed = service.signDocument(document, parameters, new SignatureValue(
                parameters.getSignatureAlgorithm(), value));
        try (InputStream in = signed.openStream()) {
            return new Signed(Utils.toByteArray(in), spec.format().label() + "-" + spec.level().label());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static DSSDocument document(Spec spec, Content content) {
        if (content.document() == null) {
            if (spec.packaging() != Packaging.DETACHED) {
                throw new Refused("only a detached signature can be made over a digest; send the document");
            }
            DigestAlgorithm algorithm = DIGESTS.get(content.digestAlgorithm());
            if (algorithm == null || content.digest() == null
                    || content.digest().length != Integer.parseInt(content.digestAlgorithm().substring(4)) / 8) {
                throw new Refused("the digest must be a SHA-256, SHA-384 or SHA-512 value of its length");
            }
            return new DigestDocument(algorithm, content.digest(), content.name());
        }
        InMemoryDocument document = new InMemoryDocument(content.document(), content.name());
        if (spec.format() == Format.PADES) {
            pdfProblem(content.document()).ifPresent(p -> {
                throw new Refused("the document " + p);
            });
            document.setMimeType(MimeTypeEnum.PDF);
        }
        if (spec.format() == Format.XADES && spec.packaging() == Packaging.ENVELOPED) {
            document.setMimeType(MimeTypeEnum.XML);
        }
        return document;
    }

    /**
     * Kyso's chain helps DSS recognise the TSA's issuer; the trust anchors end every chain it looks up. Only the
     * long-term levels go online for OCSP, CRLs and issuers: below them DSS would fetch revocation data it then drops.
     */
    private static CommonCertificateVerifier verifier(Signer signer, Evidence evidence, boolean longTerm) {
        CommonCertificateVerifier verifier = new CommonCertificateVerifier();
        CommonCertificateSource chain = new CommonCertificateSource();
        signer.chain().forEach(c -> chain.addCertificate(new CertificateToken(c)));
        verifier.setAdjunctCertSources(chain);
        // Only CA certificates anchor a chain: a signer's own certificate never vouches for itself.
        List<X509Certificate> cas = evidence.trustAnchors().stream().filter(c -> c.getBasicConstraints() >= 0).toList();
        if (!cas.isEmpty()) {
            CommonTrustedCertificateSource anchors = new CommonTrustedCertificateSource();
            cas.forEach(c -> anchors.addCertificate(new CertificateToken(c)));
            verifier.setTrustedCertSources(anchors);
        }
        if (longTerm && evidence.fetcher() != null) {
            DataLoader loader = new FetcherDataLoader(evidence.fetcher());
            verifier.setOcspSource(new OnlineOCSPSource(loader));
            verifier.setCrlSource(new OnlineCRLSource(loader));
            verifier.setAIASource(new DefaultAIASource(loader));
        } else {
            verifier.setAIASource(null);
        }
        // Augmenting a signature whose chain DSS cannot take to an anchor is still the caller's choice at B-B/B-T.
        verifier.setAugmentationAlertOnSelfSignedCertificateChains(new SilentOnStatusAlert());
        return verifier;
    }

    private static PAdESSignatureParameters pades(Spec spec, Signer signer, Instant signingTime) {
        PAdESSignatureParameters parameters = new PAdESSignatureParameters();
        parameters.bLevel().setSigningDate(Date.from(signingTime));
        parameters.getSignatureTimestampParameters().setDigestAlgorithm(DIGESTS.get(spec.digestAlgorithm()));
        parameters.getArchiveTimestampParameters().setDigestAlgorithm(DIGESTS.get(spec.digestAlgorithm()));
        parameters.setSignerName(signer.name());
        parameters.setReason(signer.reason());
        parameters.setLocation(signer.location());
        parameters.setContentSize(PDF_SIGNATURE_SPACE);
        if (spec.certify()) {
            parameters.setPermission(CertificationPermission.CHANGES_PERMITTED);
        }
        if (spec.appearance() != null) {
            parameters.setImageParameters(appearance(spec.appearance(), signer, signingTime));
        }
        return parameters;
    }

    /** "Ký bởi / Signed by", the signer and the time in Vietnam, in a font that has Vietnamese letters. */
    private static SignatureImageParameters appearance(Appearance a, Signer signer, Instant signingTime) {
        SignatureImageParameters image = new SignatureImageParameters();
        SignatureFieldParameters field = new SignatureFieldParameters();
        if (a.field() != null) {
            field.setFieldId(a.field());
        } else {
            if (a.page() < 1 || a.width() < 20 || a.height() < 10 || a.x() < 0 || a.y() < 0) {
                throw new Refused("the signature's place needs a page from 1 and a rectangle of at least 20 x 10"
                        + " points inside the page");
            }
            field.setPage(a.page());
            field.setOriginX(a.x());
            field.setOriginY(a.y());
            field.setWidth(a.width());
            field.setHeight(a.height());
        }
        image.setFieldParameters(field);
        SignatureImageTextParameters text = new SignatureImageTextParameters();
        String who = signer.name() != null ? signer.name() : commonName(signer.chain().get(0));
        text.setText("Ký bởi / Signed by: " + who + "\nNgày ký / Signed on: " + DateTimeFormatter.ofPattern(
                "dd/MM/yyyy HH:mm:ss").format(signingTime.atZone(VIETNAM)) + " (GMT+7)"
                + (signer.reason() == null ? "" : "\nLý do / Reason: " + signer.reason()));
        DSSFileFont dejavu = new DSSFileFont(new InMemoryDocument(DejaVu.BYTES));
        dejavu.setSize(8);
        text.setFont(dejavu);
        text.setSignerTextPosition(SignerTextPosition.RIGHT);
        // A small box still shows every word: the font shrinks and lines break to fit it, never cut at its edge.
        text.setTextWrapping(TextWrapping.FILL_BOX_AND_LINEBREAK);
        image.setTextParameters(text);
        if (a.image() != null) {
            image.setImage(new InMemoryDocument(a.image()));
        }
        return image;
    }

    private static String commonName(X509Certificate certificate) {
        X500Name subject = X500Name.getInstance(certificate.getSubjectX500Principal().getEncoded());
        RDN[] cn = subject.getRDNs(BCStyle.CN);
        return cn.length > 0 ? IETFUtils.valueToString(cn[0].getFirst().getValue()) : subject.toString();
    }

    /** The font file, read once: a visible signature must not re-read 750 KB each time. */
    private static final class DejaVu {
        static final byte[] BYTES = read();

        private static byte[] read() {
            try (InputStream font = Ades.class.getResourceAsStream(DEJAVU)) {
                if (font == null) {
                    throw new IllegalStateException("the DejaVu Sans font is missing from the class path");
                }
                return font.readAllBytes();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private static CAdESSignatureParameters cades(Spec spec, Signer signer, Instant signingTime) {
        CAdESSignatureParameters parameters = new CAdESSignatureParameters();
        parameters.bLevel().setSigningDate(Date.from(signingTime));
        parameters.setSignaturePackaging(spec.packaging() == Packaging.DETACHED ? SignaturePackaging.DETACHED
                : SignaturePackaging.ENVELOPING);
        parameters.getSignatureTimestampParameters().setDigestAlgorithm(DIGESTS.get(spec.digestAlgorithm()));
        parameters.getArchiveTimestampParameters().setDigestAlgorithm(DIGESTS.get(spec.digestAlgorithm()));
        return parameters;
    }

    private static XAdESSignatureParameters xades(Spec spec, Content content, Signer signer, Instant signingTime) {
        XAdESSignatureParameters parameters = new XAdESSignatureParameters();
        parameters.bLevel().setSigningDate(Date.from(signingTime));
        parameters.setSignaturePackaging(switch (spec.packaging()) {
            case ENVELOPED -> SignaturePackaging.ENVELOPED;
            case ENVELOPING -> SignaturePackaging.ENVELOPING;
            case DETACHED -> SignaturePackaging.DETACHED;
        });
        parameters.getSignatureTimestampParameters().setDigestAlgorithm(DIGESTS.get(spec.digestAlgorithm()));
        parameters.getArchiveTimestampParameters().setDigestAlgorithm(DIGESTS.get(spec.digestAlgorithm()));
        parameters.setAddX509SubjectName(true);
        if (spec.packaging() == Packaging.ENVELOPING && content.document() != null
                && DomUtils.isDOM(content.document())) {
            parameters.setEmbedXML(true);
        }
        if (spec.packaging() != Packaging.ENVELOPED) {
            if (spec.xml() != null) {
                throw new Refused("a signature target (XPath, element Id) applies to enveloped XML signatures only");
            }
            return parameters;
        }
        XmlTarget target = spec.xml() == null ? new XmlTarget(null, null, false) : spec.xml();
        Document dom = parse(content.document());
        Element parentElement = dom.getDocumentElement();
        if (target.parentXPath() != null) {
            Node parent;
            try {
                parent = DomUtils.getNode(dom, target.parentXPath());
            } catch (RuntimeException e) {
                throw new Refused("the XPath " + target.parentXPath() + " is not a valid XPath 1.0 expression");
            }
            if (!(parent instanceof Element)) {
                throw new Refused("the XPath " + target.parentXPath() + " selects no element of the document");
            }
            parameters.setXPathLocationString(target.parentXPath());
            parentElement = (Element) parent;
        }
        String referenceId = target.referenceId();
        if (target.einvoice() && referenceId == null) {
            Node data = DomUtils.getNode(dom, "//*[local-name()='DLHDon']");
            if (!(data instanceof Element e) || e.getAttribute("Id").isEmpty()) {
                throw new Refused("the invoice has no DLHDon element with an Id attribute for the signature to cover");
            }
            referenceId = e.getAttribute("Id");
        }
        if (referenceId == null) {
            return parameters;
        }
        if (DomUtils.getElementById(dom, referenceId) == null
                && DomUtils.getNode(dom, "//*[@Id='" + referenceId.replace("'", "") + "']") == null) {
            throw new Refused("no element of the document has the Id " + referenceId);
        }
        DigestAlgorithm digest = DIGESTS.get(spec.digestAlgorithm());
        List<DSSReference> references = new ArrayList<>();
        DSSReference data = new DSSReference();
        data.setId("r-data");
        data.setUri("#" + referenceId);
        data.setContents(new InMemoryDocument(content.document()));
        data.setDigestMethodAlgorithm(digest);
        List<DSSTransform> transforms = List.of(new EnvelopedSignatureTransform(), new CanonicalizationTransform(C14N));
        data.setTransforms(transforms);
        references.add(data);
        if (target.einvoice()) {
            // As the tax authority's own samples: inclusive C14N 1.0, which every e-invoice validator reads.
            parameters.setSignedInfoCanonicalizationMethod(C14N);
            parameters.setSigningCertificate(new CertificateToken(signer.chain().get(0)));
            references.add(signingTimeObject(parameters.getDeterministicId(), signingTime, digest, parentElement));
        }
        parameters.setReferences(references);
        return parameters;
    }

    /**
     * The e-invoice's signing time as a signed object, as the tax authority's samples carry it:
     * {@code ds:Object/ds:SignatureProperties/ds:SignatureProperty[@Target=#sig]/SigningTime} in Vietnam time, the
     * reference pointing at the {@code ds:Object}. DSS digests the object from a stand-alone copy, so the copy declares
     * every namespace the object will have in scope inside the invoice: inclusive C14N then reads both the same.
     */
    private static DSSReference signingTimeObject(String signatureId, Instant signingTime, DigestAlgorithm digest,
            Element parent) {
        String id = "SigningTime-" + signatureId;
        StringBuilder namespaces = new StringBuilder();
        inScopeNamespaces(parent).forEach((name, uri) -> {
            if (!"xmlns:ds".equals(name)) {
                namespaces.append(' ').append(name).append("=\"").append(escape(uri)).append('"');
            }
        });
        String properties = "<ds:SignatureProperties><ds:SignatureProperty Target=\"#" + signatureId
                + "\"><SigningTime>" + DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss").format(signingTime
                .atZone(VIETNAM)) + "</SigningTime></ds:SignatureProperty></ds:SignatureProperties>";
        String declarations = " xmlns:ds=\"" + XMLDSIG + "\"" + namespaces;
        DSSObject object = new DSSObject();
        object.setId(id);
        object.setContent(new InMemoryDocument(properties.replaceFirst("<ds:SignatureProperties",
                "<ds:SignatureProperties" + declarations).getBytes(StandardCharsets.UTF_8)));
        DSSReference reference = new DSSReference();
        reference.setId("r-signing-time");
        reference.setUri("#" + id);
        reference.setType(XMLDSIG + "SignatureProperties");
        reference.setObject(object);
        reference.setContents(new InMemoryDocument(("<ds:Object" + declarations + " Id=\"" + id + "\">" + properties
                + "</ds:Object>").getBytes(StandardCharsets.UTF_8)));
        reference.setDigestMethodAlgorithm(digest);
        return reference;
    }

    /** The namespace declarations in force at {@code element}, the nearest declaration of each name winning. */
    private static Map<String, String> inScopeNamespaces(Element element) {
        Map<String, String> found = new java.util.TreeMap<>();
        for (Node n = element; n instanceof Element e; n = n.getParentNode()) {
            var attributes = e.getAttributes();
            for (int i = 0; i < attributes.getLength(); i++) {
                Node a = attributes.item(i);
                if (a.getNodeName().equals("xmlns") || a.getNodeName().startsWith("xmlns:")) {
                    found.putIfAbsent(a.getNodeName(), a.getNodeValue());
                }
            }
        }
        found.remove("xmlns", "");
        return found;
    }

    private static String escape(String value) {
        return value.replace("&", "&amp;").replace("\"", "&quot;").replace("<", "&lt;");
    }

    /** A PDF Kyso accepts, or the reason it cannot be signed or validated: unreadable, encrypted, no page. */
    public static java.util.Optional<String> pdfProblem(byte[] pdf) {
        // Read with the memory capped, as validation reads PDFs: a hostile one is refused, not given the heap.
        try (org.apache.pdfbox.pdmodel.PDDocument doc = org.apache.pdfbox.Loader.loadPDF(pdf, "", null, null,
                org.apache.pdfbox.io.MemoryUsageSetting.setupMainMemoryOnly(64L * 1024 * 1024).streamCache)) {
            if (doc.isEncrypted()) {
                return java.util.Optional.of("is encrypted");
            }
            if (doc.getNumberOfPages() == 0) {
                return java.util.Optional.of("has no page");
            }
            return java.util.Optional.empty();
        } catch (IOException | RuntimeException e) {
            return java.util.Optional.of("is not a readable PDF");
        }
    }

    /** DSS's parser refuses DTDs and external entities: an XML bomb is refused, never expanded. */
    public static Document parse(byte[] xml) {
        try {
            Document dom = DomUtils.buildDOM(xml);
            if (dom == null || dom.getDocumentElement() == null) {
                throw new Refused("the document is not well-formed XML");
            }
            return dom;
        } catch (Refused e) {
            throw e;
        } catch (RuntimeException e) {
            throw new Refused("the document is not well-formed XML without a DTD");
        }
    }

    /** The TSA gave no token. */
    private static final class NoTimeStamp extends DSSException {
        NoTimeStamp() {
            super("no time-stamp token");
        }
    }
}
