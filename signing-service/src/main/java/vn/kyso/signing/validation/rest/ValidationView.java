package vn.kyso.signing.validation.rest;

import java.time.Instant;
import java.util.List;

import vn.kyso.sdk.crypto.AdesValidation;

/** The outcome for every signature in a document (ETSI EN 319 102-1), and the reports when asked for. */
public record ValidationView(Instant validationTime, String documentName, int signaturesCount,
        int validSignaturesCount, List<SignatureView> signatures, Reports reports) {

    /**
     * One signature.
     *
     * @param indication {@code TOTAL_PASSED}, {@code INDETERMINATE} or {@code TOTAL_FAILED}
     * @param subIndication the reason it did not pass (e.g. {@code HASH_FAILURE}, {@code REVOKED_NO_POE})
     * @param level the baseline level found: {@code B-B}, {@code B-T}, {@code B-LT}, {@code B-LTA}
     * @param claimedSigningTime what the signer wrote
     * @param provenSigningTime the earliest time a time-stamp proves
     * @param trustAnchor the anchor the chain ends in, or null when it ends in none trusted
     */
    public record SignatureView(String id, String format, String level, String indication, String subIndication,
            String signedBy, Instant claimedSigningTime, Instant provenSigningTime,
            List<CertificateView> certificateChain, String trustAnchor, int timestamps, List<String> errors,
            List<String> warnings) {
    }

    /** A certificate of the chain, the signer's first. */
    public record CertificateView(String subject, String serialNumber, Instant notBefore, Instant notAfter,
            boolean trusted) {
    }

    /** DSS's simple and detailed reports and the ETSI TS 119 102-2 validation report, as XML. */
    public record Reports(String simple, String detailed, String etsi) {
    }

    static ValidationView of(String name, AdesValidation.Outcome outcome) {
        List<SignatureView> signatures = outcome.signatures().stream().map(s -> new SignatureView(s.id(),
                s.format(), s.level(), s.indication(), s.subIndication(), s.signedBy(), s.claimedSigningTime(),
                s.provenSigningTime(), s.chain().stream().map(c -> new CertificateView(c.subject(), c.serialNumber(),
                        c.notBefore(), c.notAfter(), c.trusted())).toList(), s.trustAnchor(), s.timestamps(),
                s.errors(), s.warnings())).toList();
        Reports reports = outcome.simpleReport() == null ? null
                : new Reports(outcome.simpleReport(), outcome.detailedReport(), outcome.etsiReport());
        return new ValidationView(outcome.validationTime(), name, signatures.size(),
                (int) signatures.stream().filter(s -> "TOTAL_PASSED".equals(s.indication())).count(), signatures,
                reports);
    }
}
