package vn.kyso.ca.rest;

import java.util.List;

/**
 * An operator's request for a TLS server certificate of one of Kyso's endpoints.
 *
 * @param csr PKCS#10, PEM or base64 DER
 * @param names DNS names and IP addresses for the subject alternative name, each allowed by the profile
 * @param profile a server profile; {@code tls-server} when absent
 */
public record ServerCertificateRequest(String csr, List<String> names, String profile) {
}
