package vn.kyso.sdk.crypto;

import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Locale;

import eu.europa.esig.dss.diagnostic.CertificateWrapper;
import eu.europa.esig.dss.diagnostic.DiagnosticData;
import eu.europa.esig.dss.enumerations.MimeTypeEnum;
import eu.europa.esig.dss.enumerations.SignatureLevel;
import eu.europa.esig.dss.enumerations.SubIndication;
import eu.europa.esig.dss.jaxb.object.Message;
import eu.europa.esig.dss.model.DSSDocument;
import eu.europa.esig.dss.model.InMemoryDocument;
import eu.europa.esig.dss.model.x509.CertificateToken;
import eu.europa.esig.dss.pades.validation.PDFDocumentValidator;
import eu.europa.esig.dss.pdf.PdfMemoryUsageSetting;
import eu.europa.esig.dss.pdf.modifications.DefaultPdfDifferencesFinder;
import eu.europa.esig.dss.pdf.pdfbox.PdfBoxDefaultObjectFactory;
import eu.europa.esig.dss.service.crl.OnlineCRLSource;
import eu.europa.esig.dss.service.ocsp.OnlineOCSPSource;
import eu.europa.esig.dss.simplereport.SimpleReport;
import eu.europa.esig.dss.simplereport.jaxb.XmlCertificate;
import eu.europa.esig.dss.simplereport.jaxb.XmlCertificateChain;
import eu.europa.esig.dss.spi.client.http.DataLoader;
import eu.europa.esig.dss.spi.validation.CommonCertificateVerifier;
import eu.europa.esig.dss.spi.x509.CommonTrustedCertificateSource;
import eu.europa.esig.dss.spi.x509.aia.DefaultAIASource;
import eu.europa.esig.dss.validation.SignedDocumentValidator;
import eu.europa.esig.dss.validation.reports.Reports;


/**
 * Validation of PAdES, CAdES and XAdES signatures by the ETSI EN 319 102-1 procedures (EU DSS, its default policy)
 * against the anchors given, with the simple, detailed and ETSI TS 119 102-2 reports.
 */
public final class AdesValidation {

    /** Memory PDFBox may use for one document's objects and streams: a decompression bomb stops here. */
    private static final long PDF_MEMORY = 64L * 1024 * 1024;

    private AdesValidation() {
    }

    /** A file the signature covers but does not carry (detached CAdES/XAdES). */
    public record Detached(byte[] content, String name) {
    }

    /** One certificate of a signer's chain, the signer's first. */
    public record ChainCertificate(String subject, String serialNumber, Instant notBefore, Instant notAfter,
            boolean trusted) {
    }

    /**
     * One signature's outcome.
     *
     * @param indication {@code TOTAL_PASSED}, {@code INDETERMINATE} or {@code TOTAL_FAILED}
     * @param subIndication why it is not passed (EN 319 102-1 §5.1.3), or null
     * @param claimedSigningTime the time the signer wrote into the signature
     * @param provenSigningTime the earliest time a time-stamp or other proof shows the signature existed
     */
    public record SignatureOutcome(String id, String format, String level, String indication, String subIndication,
            String signedBy, Instant claimedSigningTime, Instant provenSigningTime, List<ChainCertificate> chain,
            String trustAnchor, int timestamps, List<String> errors, List<String> warnings) {
    }

    /** Every signature's outcome and, when asked for, the three reports as XML. */
    public record Outcome(Instant validationTime, List<SignatureOutcome> signatures, String simpleReport,
            String detailedReport, String etsiReport) {
    }

    /**
     * Validates every signature in {@code document} at {@code validationTime}.
     *
     * @param fetcher how OCSP responses, CRLs and issuer certificates are fetched; null: only what the document carries
     * @throws Ades.Refused when the document is not a signed PDF, XML or CMS that can be read
     */
    public static Outcome validate(byte[] document, String name, List<Detached> detached,
            List<X509Certificate> trustAnchors, Fetcher fetcher, Instant validationTime, boolean withReports) {
        return validate(document, name, detached, trustAnchors, null, fetcher, validationTime, withReports);
    }

    /** As above, the services the trusted lists grant anchored too (null: none). */
    public static Outcome validate(byte[] document, String name, List<Detached> detached,
            List<X509Certificate> trustAnchors, TrustedLists trustedLists, Fetcher fetcher, Instant validationTime,
            boolean withReports) {
        SignedDocumentValidator validator = validator(document, name);
        CommonCertificateVerifier verifier = new CommonCertificateVerifier();
        CommonTrustedCertificateSource anchors = new CommonTrustedCertificateSource();
        trustAnchors.stream().filter(c -> c.getBasicConstraints() >= 0)
                .forEach(c -> anchors.addCertificate(new CertificateToken(c)));
        if (trustedLists == null || trustedLists.isEmpty()) {
            verifier.setTrustedCertSources(anchors);
        } else {
            verifier.setTrustedCertSources(anchors, trustedLists.certificateSource());
        }
        if (fetcher != null) {
            DataLoader loader = new FetcherDataLoader(fetcher);
            verifier.setOcspSource(new OnlineOCSPSource(loader));
            verifier.setCrlSource(new OnlineCRLSource(loader));
            verifier.setAIASource(new DefaultAIASource(loader));
        } else {
            verifier.setAIASource(null);
        }
        validator.setCertificateVerifier(verifier);
        validator.setValidationTime(Date.from(validationTime));
        validator.setEnableEtsiValidationReport(withReports);
        validator.setLocale(Locale.ENGLISH);
        if (detached != null && !detached.isEmpty()) {
            validator.setDetachedContents(detached.stream()
                    .<DSSDocument>map(d -> new InMemoryDocument(d.content(), d.name())).toList());
        }
        Reports reports;
        try {
            reports = validator.validateDocument();
        } catch (RuntimeException e) {
            throw new Ades.Refused("the document's signatures cannot be read");
        }
        SimpleReport simple = reports.getSimpleReport();
        if (simple.getSignatureIdList().isEmpty()) {
            throw new Ades.Refused("the document carries no signature");
        }
        DiagnosticData diagnostic = reports.getDiagnosticData();
        List<SignatureOutcome> outcomes = new ArrayList<>();
        for (String id : simple.getSignatureIdList()) {
            outcomes.add(outcome(id, simple, diagnostic));
        }
        return new Outcome(validationTime, List.copyOf(outcomes),
                withReports ? reports.getXmlSimpleReport() : null,
                withReports ? reports.getXmlDetailedReport() : null,
                withReports ? reports.getXmlValidationReport() : null);
    }

    /** Recognises the kind of document before DSS parses it, refusing what no signature can be read from. */
    private static SignedDocumentValidator validator(byte[] document, String name) {
        if (document == null || document.length == 0) {
            throw new Ades.Refused("the document is empty");
        }
        InMemoryDocument dss = new InMemoryDocument(document, name);
        if (startsWith(document, "%PDF-")) {
            Ades.pdfProblem(document).ifPresent(p -> {
                throw new Ades.Refused("the document " + p);
            });
            dss.setMimeType(MimeTypeEnum.PDF);
            PDFDocumentValidator pdf = new PDFDocumentValidator(dss);
            PdfBoxDefaultObjectFactory objects = new PdfBoxDefaultObjectFactory();
            objects.setPdfMemoryUsageSetting(PdfMemoryUsageSetting.memoryBuffered(PDF_MEMORY));
            // No page is rendered to compare revisions: a content stream that inflates to gigabytes would cost
            // seconds of CPU per request. Changes between revisions are still found object by object.
            DefaultPdfDifferencesFinder differences = new DefaultPdfDifferencesFinder();
            differences.setMaximalPagesAmountForVisualComparison(0);
            objects.setPdfDifferencesFinder(differences);
            pdf.setPdfObjFactory(objects);
            return pdf;
        }
        if (looksLikeXml(document)) {
            // DSS's parser refuses DTDs and external entities: a bomb is refused before anything is expanded.
            Ades.parse(document);
            dss.setMimeType(MimeTypeEnum.XML);
        } else if ((document[0] & 0xff) != 0x30) {
            throw new Ades.Refused("the document is not a PDF, an XML document or a CMS signature");
        }
        try {
            return SignedDocumentValidator.fromDocument(dss);
        } catch (RuntimeException e) {
            throw new Ades.Refused("the document carries no signature Kyso can validate (PAdES, CAdES, XAdES)");
        }
    }

    private static SignatureOutcome outcome(String id, SimpleReport simple, DiagnosticData diagnostic) {
        SignatureLevel level = simple.getSignatureFormat(id);
        String[] formatAndLevel = formatAndLevel(level);
        List<ChainCertificate> chain = new ArrayList<>();
        String anchor = null;
        XmlCertificateChain certificates = simple.getCertificateChain(id);
        if (certificates != null) {
            for (XmlCertificate c : certificates.getCertificate()) {
                CertificateWrapper wrapper = diagnostic.getCertificateById(c.getId());
                chain.add(new ChainCertificate(wrapper != null ? wrapper.getCertificateDN() : c.getQualifiedName(),
                        wrapper != null ? wrapper.getSerialNumber() : null,
                        wrapper != null ? instant(wrapper.getNotBefore()) : null,
                        wrapper != null ? instant(wrapper.getNotAfter()) : null, c.isTrusted()));
                if (c.isTrusted() && anchor == null) {
                    anchor = wrapper != null ? wrapper.getCertificateDN() : c.getQualifiedName();
                }
            }
        }
        SubIndication sub = simple.getSubIndication(id);
        return new SignatureOutcome(id, formatAndLevel[0], formatAndLevel[1], simple.getIndication(id).name(),
                sub == null ? null : sub.name(), simple.getSignedBy(id), instant(simple.getSigningTime(id)),
                instant(simple.getBestSignatureTime(id)), List.copyOf(chain), anchor,
                simple.getSignatureTimestamps(id).size(), texts(simple.getAdESValidationErrors(id)),
                texts(simple.getAdESValidationWarnings(id)));
    }

    /** {@code PAdES_BASELINE_LTA} → PAdES, B-LTA; other forms (XAdES-C, CMS without attributes) keep DSS's name. */
    private static String[] formatAndLevel(SignatureLevel level) {
        if (level == null) {
            return new String[] {null, null};
        }
        String name = level.name();
        int cut = name.indexOf('_');
        String format = cut < 0 ? name : name.substring(0, cut);
        if (name.contains("_BASELINE_")) {
            return new String[] {format, "B-" + name.substring(name.lastIndexOf('_') + 1)};
        }
        return new String[] {format, level.toString()};
    }

    private static List<String> texts(List<Message> messages) {
        return messages == null ? List.of() : messages.stream().map(Message::getValue).distinct().toList();
    }

    private static Instant instant(Date date) {
        return date == null ? null : date.toInstant();
    }

    private static boolean startsWith(byte[] document, String prefix) {
        byte[] p = prefix.getBytes(StandardCharsets.US_ASCII);
        if (document.length < p.length) {
            return false;
        }
        for (int i = 0; i < p.length; i++) {
            if (document[i] != p[i]) {
                return false;
            }
        }
        return true;
    }

    /** An XML declaration, a byte-order mark or an element after optional white space. */
    private static boolean looksLikeXml(byte[] document) {
        int i = 0;
        if (document.length >= 3 && (document[0] & 0xff) == 0xEF && (document[1] & 0xff) == 0xBB
                && (document[2] & 0xff) == 0xBF) {
            i = 3;
        }
        while (i < document.length && Character.isWhitespace(document[i])) {
            i++;
        }
        return i < document.length && document[i] == '<';
    }
}
