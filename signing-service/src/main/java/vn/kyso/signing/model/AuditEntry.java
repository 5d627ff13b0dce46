package vn.kyso.signing.model;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** One link of the hash-chained audit trail. */
@Entity
@Table(name = "audit_log")
public class AuditEntry {

    @Id
    public long seq;

    @Column(name = "occurred_at", nullable = false)
    public Instant occurredAt;

    @Column(name = "event_type", nullable = false)
    public String eventType;

    @Column(name = "aggregate_id", nullable = false)
    public String aggregateId;

    @Column(name = "account_id")
    public UUID accountId;

    /** JSON of what happened; never a secret. */
    @Column(nullable = false)
    public String detail;

    @Column(name = "prev_hash", nullable = false)
    public byte[] prevHash;

    @Column(nullable = false)
    public byte[] hash;
}
