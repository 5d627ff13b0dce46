package vn.kyso.ca.service;

import vn.kyso.commons.problem.ErrorCode;

/** ca-service's error vocabulary; rejection codes also travel in {@code CertificateRequestRejected}. */
public enum CaError implements ErrorCode {
    VALIDATION_FAILED(400, "One or more fields are invalid"),
    CSR_MALFORMED(400, "The certificate signing request cannot be read"),
    CSR_PROOF_OF_POSSESSION_FAILED(400, "The request is not signed by the key it asks to certify"),
    CSR_WEAK_KEY(400, "The key is too weak for this profile"),
    CSR_KEY_ALGORITHM_NOT_ALLOWED(400, "This key type is not allowed by the profile"),
    CSR_SUBJECT_MISMATCH(400, "The request names another subject than the account it is for"),
    PROFILE_UNKNOWN(400, "No such certificate profile"),
    PROFILE_NOT_FOR_ACCOUNTS(400, "This profile certifies Kyso's TLS endpoints, not an account"),
    PROFILE_NOT_FOR_SERVERS(400, "This profile does not certify TLS servers"),
    SERVER_NAME_NOT_ALLOWED(403, "The profile does not allow this server name"),
    KEY_NOT_IN_CUSTODY(403, "This profile certifies only keys generated in Kyso's custody for this account's credential"),
    ACCOUNT_UNKNOWN(404, "No such account"),
    CERTIFICATE_NOT_FOUND(404, "No certificate with this serial number"),
    CERTIFICATE_ALREADY_REVOKED(409, "The certificate is already revoked"),
    CERTIFICATE_ALREADY_SUSPENDED(409, "The certificate is already on hold"),
    CERTIFICATE_NOT_SUSPENDED(409, "The certificate is not on hold"),
    REVOCATION_REASON_INVALID(400, "Not a revocation reason this CA accepts"),
    CA_NOT_READY(503, "The certificate authority is starting; try again shortly");

    private final int status;
    private final String title;

    CaError(int status, String title) {
        this.status = status;
        this.title = title;
    }

    @Override
    public int status() {
        return status;
    }

    @Override
    public String title() {
        return title;
    }
}
