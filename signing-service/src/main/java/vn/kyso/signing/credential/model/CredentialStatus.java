package vn.kyso.signing.credential.model;

/** A credential's life: waiting for its certificate, usable, on hold, refused by the CA, or revoked. */
public enum CredentialStatus {
    CERT_PENDING,
    ACTIVE,
    /** Its certificate is on hold (certificateHold): nothing is signed until the CA resumes it. */
    SUSPENDED,
    FAILED,
    REVOKED
}
