package vn.kyso.ca.model;

/** An issued certificate's revocation state (expiry is read from notAfter). */
public enum CertificateStatus {
    GOOD,
    /** On hold ({@code certificateHold}): revoked for OCSP and the CRL until resumed (back to GOOD) or revoked. */
    SUSPENDED,
    REVOKED
}
