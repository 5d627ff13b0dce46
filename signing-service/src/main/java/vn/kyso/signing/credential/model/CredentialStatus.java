package vn.kyso.signing.credential.model;

/** A credential's life: waiting for its certificate, usable, on hold, refused by the CA, revoked, or expired. */
public enum CredentialStatus {
    CERT_PENDING,
    ACTIVE,
    /** Its certificate is on hold (certificateHold): nothing is signed until the CA resumes it. */
    SUSPENDED,
    FAILED,
    REVOKED,
    /** Its certificate's notAfter passed unrenewed: nothing signs; renewal (PIN + device) gives it a new one. */
    EXPIRED
}
