package vn.kyso.ca.rest;

import java.time.Instant;

/**
 * A certificate of the CA hierarchy.
 *
 * @param role ISSUING, ROOT or TSA
 * @param der base64 of the DER encoding
 */
public record CaCertificateView(String role, String subject, String serialNumber, Instant notBefore, Instant notAfter,
        String pem, String der) {
}
