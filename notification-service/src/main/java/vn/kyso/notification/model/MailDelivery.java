package vn.kyso.notification.model;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** One email to send (or sent): which template, to whom, with which parameters, and how delivery went. */
@Entity
@Table(name = "mail_delivery")
public class MailDelivery {

    @Id
    public UUID id;

    @Column(name = "source_event_id", nullable = false)
    public String sourceEventId;

    @Column(nullable = false)
    public String template;

    @Column(nullable = false)
    public String recipient;

    /** JSON object of template parameters. */
    @Column(nullable = false)
    public String params;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public DeliveryStatus status;

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
