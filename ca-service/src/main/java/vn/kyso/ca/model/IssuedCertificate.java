package vn.kyso.ca.model;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/** A certificate the issuing CA signed, with its revocation state. */
@Entity
@Table(name = "issued_certificate")
public class IssuedCertificate {

    /** Upper-case hexadecimal. */
    @Id
    @Column(name = "serial_number")
    public String serialNumber;

    /** Null for a certificate of one of Kyso's own TLS endpoints. */
    @Column(name = "account_id")
    public UUID accountId;

    @Column(name = "credential_id")
    public UUID credentialId;

    @Column(nullable = false)
    public String profile;

    @Column(nullable = false)
    public String subject;

    @Column(name = "key_type", nullable = false)
    public String keyType;

    @Column(name = "public_key_sha256", nullable = false)
    public String publicKeySha256;

    @Column(nullable = false)
    public byte[] certificate;

    @Column(name = "not_before", nullable = false)
    public Instant notBefore;

    @Column(name = "not_after", nullable = false)
    public Instant notAfter;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public CertificateStatus status;

    @Column(name = "revoked_at")
    public Instant revokedAt;

    @Column(name = "revocation_reason")
    public String revocationReason;

    /** Whether the current hold is the subscriber's own (which the subscriber may lift), not an operator's. */
    @Column(name = "held_by_subscriber", nullable = false)
    public boolean heldBySubscriber;

    @Column(name = "issued_at", nullable = false)
    public Instant issuedAt;

    @Version
    public int version;
}
