package vn.kyso.signing.credential.model;

/** A credential's life: waiting for its certificate, usable, refused by the CA, or revoked. */
public enum CredentialStatus {
    CERT_PENDING,
    ACTIVE,
    FAILED,
    REVOKED
}
