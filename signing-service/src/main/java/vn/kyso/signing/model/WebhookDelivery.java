package vn.kyso.signing.model;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** One webhook call owed to an integrator for a finished transaction, and how its delivery went. */
@Entity
@Table(name = "webhook_delivery")
public class WebhookDelivery {

    @Id
    public UUID id;

    @Column(name = "transaction_id", nullable = false)
    public UUID transactionId;

    @Column(name = "sp_id", nullable = false)
    public UUID spId;

    @Column(nullable = false)
    public String url;

    /** The exact JSON body sent (and signed) on every attempt. */
    @Column(nullable = false)
    public String payload;

    /** PENDING, SENT or FAILED (gave up; the status call still answers). */
    @Column(nullable = false)
    public String status;

    @Column(nullable = false)
    public int attempts;

    @Column(name = "next_attempt_at", nullable = false)
    public Instant nextAttemptAt;

    @Column(name = "last_error")
    public String lastError;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "sent_at")
    public Instant sentAt;
}
