package vn.kyso.ca.model;

/** An issued certificate's revocation state (expiry is read from notAfter). */
public enum CertificateStatus {
    GOOD,
    REVOKED
}
