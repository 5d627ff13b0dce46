package vn.kyso.ca.issuance;

import java.util.UUID;

/**
 * A request to certify a key.
 *
 * @param credentialId the signing credential the key belongs to; null for a request an operator makes directly
 * @param csr the PKCS#10 request, DER
 * @param profile the profile name, or null for the default
 */
public record IssuanceRequest(UUID accountId, UUID credentialId, byte[] csr, String profile) {
}
