package vn.kyso.ca.rest;

import java.util.UUID;

/**
 * An operator's (or a service's) request to certify a key.
 *
 * @param csr the PKCS#10 request as PEM or base64 DER
 * @param credentialId the signing credential, if the key belongs to one
 * @param profile a profile name; the default profile when absent
 */
public record IssueCertificateRequest(UUID accountId, UUID credentialId, String csr, String profile) {
}
