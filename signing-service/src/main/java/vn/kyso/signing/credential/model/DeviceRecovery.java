package vn.kyso.signing.credential.model;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A subscriber's request to bind a new device after losing the old one, and its approval by an operator. */
@Entity
@Table(name = "device_recovery")
public class DeviceRecovery {

    @Id
    public UUID id;

    @Column(name = "credential_id", nullable = false)
    public UUID credentialId;

    @Column(name = "account_id", nullable = false)
    public UUID accountId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public RecoveryStatus status;

    /** The subscriber's words for the operator ("phone stolen"), optional. */
    public String reason;

    @Column(name = "requested_at", nullable = false)
    public Instant requestedAt;

    @Column(name = "approved_at")
    public Instant approvedAt;

    /** The operator's subject, for the audit trail. */
    @Column(name = "approved_by")
    public String approvedBy;

    /** How the operator verified who asks (call-back number, branch visit), for the audit trail. */
    @Column(name = "operator_note")
    public String operatorNote;

    /** HMAC of the mailed code; the code itself is never stored. */
    @Column(name = "code_hash")
    public String codeHash;

    @Column(name = "code_expires_at")
    public Instant codeExpiresAt;

    @Column(name = "failed_attempts", nullable = false)
    public int failedAttempts;

    @Column(name = "closed_at")
    public Instant closedAt;
}
