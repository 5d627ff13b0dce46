package vn.kyso.signing.integrator.csc;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import vn.kyso.sdk.crypto.Ades;
import vn.kyso.signing.crypto.Digests;

/**
 * {@code signatures/signDoc}'s documents read into what Kyso signs: CSC's format letters, envelope properties and
 * conformance levels mapped to AdES specs, the limits said and enforced, and the digest each signature needs approved.
 */
final class CscDocuments {

    /** Largest document signDoc takes, decoded (a request carries it base64, a third larger). */
    static final int MAX_DOCUMENT_BYTES = 8 * 1024 * 1024;
    /** Signatures one signDoc call makes. */
    static final int MAX_SIGNATURES = 20;
    static final List<String> FORMATS = List.of("C", "X", "P");
    static final List<List<String>> ENVELOPES = List.of(List.of("Attached", "Detached"),
            List.of("Enveloped", "Enveloping", "Detached"), List.of("Certification", "Revision"));
    static final List<String> LEVELS = List.of("Ades-B-B", "Ades-B-T", "Ades-B-LT", "Ades-B-LTA");
    private static final Map<String, String> HASHES = Map.of("2.16.840.1.101.3.4.2.1", "SHA-256",
            "2.16.840.1.101.3.4.2.2", "SHA-384", "2.16.840.1.101.3.4.2.3", "SHA-512");

    private CscDocuments() {
    }

    /**
     * One signature to make.
     *
     * @param digestAlgorithm for a document digest: the algorithm it was computed with; null for a whole document
     * @param detached whether the answer is a {@code SignatureObject} (else a {@code DocumentWithSignature})
     */
    record Job(Ades.Spec spec, Ades.Content content, String digestAlgorithm, boolean detached, String reason,
            String location) {

        /** The digest the subscriber must have approved, were it computed with {@code algorithm}; null if it cannot. */
        byte[] approvedDigest(String algorithm) {
            if (content.document() != null) {
                return Digests.digest(algorithm, content.document());
            }
            return algorithm.equals(digestAlgorithm) ? content.digest() : null;
        }
    }

    static List<Job> jobs(CscMessages.SignDocRequest request, String signDigest) {
        List<Job> jobs = new ArrayList<>();
        if (request.documents() != null) {
            for (CscMessages.Document d : request.documents()) {
                byte[] document = CscService.base64(d.document());
                if (document == null) {
                    throw CscError.invalidRequest("Invalid Base64 documents string parameter");
                }
                if (document.length > MAX_DOCUMENT_BYTES) {
                    throw new CscError(413, "invalid_request", "Document too large: this service signs documents of"
                            + " at most " + MAX_DOCUMENT_BYTES / (1024 * 1024) + " MiB");
                }
                jobs.add(job(d.signatureFormat(), d.signedEnvelopeProperty(), d.conformanceLevel(), d.signedProps(),
                        Ades.Content.of(document, "document-" + (jobs.size() + 1)), null, signDigest));
            }
        } else {
            for (CscMessages.DocumentDigest d : request.documentDigests()) {
                String algorithm = CscService.hashAlgorithm(d.hashAlgorithmOID());
                for (String hash : d.hashes()) {
                    byte[] digest = CscService.base64(hash);
                    if (digest == null || digest.length != Digests.length(algorithm)) {
                        throw CscError.invalidRequest("Invalid digest value length");
                    }
                    jobs.add(job(d.signatureFormat(), d.signedEnvelopeProperty(), d.conformanceLevel(),
                            d.signedProps(), Ades.Content.digest(algorithm, digest, "document-" + (jobs.size() + 1)),
                            algorithm, signDigest));
                }
            }
        }
        if (jobs.size() > MAX_SIGNATURES) {
            throw CscError.invalidRequest("Numbers of signatures is too high: at most " + MAX_SIGNATURES
                    + " per signDoc call");
        }
        return jobs;
    }

    private static Job job(String format, String envelope, String level, List<CscMessages.SignedProperty> props,
            Ades.Content content, String digestAlgorithm, String signDigest) {
        Ades.Format f = switch (format) {
            case "C" -> Ades.Format.CADES;
            case "X" -> Ades.Format.XADES;
            case "P" -> Ades.Format.PADES;
            default -> throw CscError.invalidRequest("Invalid parameter signature_format");
        };
        Ades.Packaging packaging = switch (envelope == null ? "" : envelope) {
            case "" -> switch (f) {
                case CADES -> Ades.Packaging.ENVELOPING;
                case XADES, PADES -> Ades.Packaging.ENVELOPED;
            };
            case "Attached", "Enveloping" -> Ades.Packaging.ENVELOPING;
            case "Enveloped", "Certification", "Revision" -> Ades.Packaging.ENVELOPED;
            case "Detached" -> Ades.Packaging.DETACHED;
            default -> throw CscError.invalidRequest("Invalid parameter signed_envelope_property");
        };
        if (content.document() == null && packaging != Ades.Packaging.DETACHED) {
            throw CscError.invalidRequest("Invalid parameter signed_envelope_property: only a Detached signature"
                    + " can be made from a document digest; send the document");
        }
        Ades.Level l;
        try {
            l = level == null ? Ades.Level.B_B : Ades.Level.parse(level);
        } catch (Ades.Refused e) {
            throw CscError.invalidRequest("Invalid parameter conformance_level");
        }
        String reason = null;
        String location = null;
        String parent = null;
        String referenceId = null;
        boolean einvoice = false;
        for (CscMessages.SignedProperty p : props == null ? List.<CscMessages.SignedProperty>of() : props) {
            String name = p == null || p.attributeName() == null ? "" : p.attributeName();
            String value = p == null ? null : p.attributeValue();
            switch (f.label() + ":" + name.toLowerCase(Locale.ROOT)) {
                case "PAdES:reason" -> reason = value;
                case "PAdES:location" -> location = value;
                case "XAdES:xpath" -> parent = value;
                case "XAdES:referenceid" -> referenceId = value;
                case "XAdES:einvoice" -> einvoice = "true".equalsIgnoreCase(value);
                default -> throw CscError.invalidRequest("Invalid parameter signed_props: " + name + " is not"
                        + " offered (P: reason, location; X: xpath, referenceId, einvoice)");
            }
        }
        Ades.XmlTarget target = einvoice ? new Ades.XmlTarget(parent != null ? parent : Ades.EINVOICE_SELLER_XPATH,
                referenceId, true) : parent != null || referenceId != null ? new Ades.XmlTarget(parent, referenceId,
                false) : null;
        try {
            return new Job(new Ades.Spec(f, packaging, l, signDigest, null, target, "Certification".equals(envelope)),
                    content, digestAlgorithm, packaging == Ades.Packaging.DETACHED, reason, location);
        } catch (Ades.Refused e) {
            throw CscError.invalidRequest("Invalid parameter signed_envelope_property: " + e.getMessage());
        }
    }

    static String base64(byte[] data) {
        return Base64.getEncoder().encodeToString(data);
    }
}
