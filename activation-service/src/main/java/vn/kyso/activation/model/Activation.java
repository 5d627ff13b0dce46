package vn.kyso.activation.model;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/** A subscriber's way through the activation wizard, with the current activation code's keyed hash. */
@Entity
@Table(name = "activation")
public class Activation {

    @Id
    public UUID id;

    @Column(name = "account_id", nullable = false, unique = true)
    public UUID accountId;

    @Column(nullable = false, unique = true)
    public String identifier;

    @Column(nullable = false)
    public String email;

    @Column(name = "full_name", nullable = false)
    public String fullName;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public ActivationState state;

    @Column(name = "code_hash")
    public String codeHash;

    @Column(name = "code_expires_at")
    public Instant codeExpiresAt;

    @Column(name = "failed_attempts", nullable = false)
    public int failedAttempts;

    @Column(name = "locked_at")
    public Instant lockedAt;

    /** Wrong codes over the activation's life, resends included (the failure budget). */
    @Column(name = "total_failures", nullable = false)
    public int totalFailures;

    @Column(name = "resend_count", nullable = false)
    public int resendCount;

    @Column(name = "resend_window_start")
    public Instant resendWindowStart;

    @Column(name = "credential_id")
    public UUID credentialId;

    @Column(name = "certificate_serial")
    public String certificateSerial;

    /** DER of the subscriber's certificate, once issued. */
    public byte[] certificate;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    @Version
    public int version;
}
