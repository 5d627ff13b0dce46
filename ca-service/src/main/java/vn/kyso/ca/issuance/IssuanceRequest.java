package vn.kyso.ca.issuance;

import java.util.UUID;

/**
 * A request to certify a key.
 *
 * @param credentialId the signing credential the key belongs to; null for a request an operator makes directly
 * @param csr the PKCS#10 request, DER
 * @param profile the profile name, or null for the default
 * @param announcedByCustody true only when the request is signing-service's own {@code KeyPairActivated}: the key was
 *     generated in custody, and the pipeline records it as such; never true for a request made over HTTP
 */
public record IssuanceRequest(UUID accountId, UUID credentialId, byte[] csr, String profile,
        boolean announcedByCustody) {

    /** A request made by an operator: the key must already be known to be in custody where the profile says so. */
    public static IssuanceRequest byOperator(UUID accountId, UUID credentialId, byte[] csr, String profile) {
        return new IssuanceRequest(accountId, credentialId, csr, profile, false);
    }
}
