package vn.kyso.activation.model;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** Attempts against an identifier with no activation, counted like real ones so answers reveal nothing. */
@Entity
@Table(name = "unknown_identifier_attempt")
public class UnknownIdentifierAttempt {

    @Id
    public String identifier;

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

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;
}
