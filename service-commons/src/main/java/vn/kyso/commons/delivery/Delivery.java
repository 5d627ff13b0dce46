package vn.kyso.commons.delivery;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** Something owed to a destination over the network, and how its delivery went; its id is its idempotency key. */
@Entity
@Table(name = "kyso_delivery")
public class Delivery {

    /** The idempotency key: the same on every attempt, so a receiver can drop a second copy. */
    @Id
    public UUID id;

    /** Which {@link DeliveryChannel} sends it. */
    @Column(nullable = false)
    public String channel;

    /** What it is about (a transaction id), for look-ups. */
    @Column(nullable = false)
    public String reference;

    /** Where it goes (a URL, an address). */
    @Column(nullable = false)
    public String destination;

    /** What is sent, the same bytes on every attempt. */
    @Column(nullable = false)
    public String payload;

    /** {@link DeliveryQueue.Urgency#rank()}: among due deliveries of a channel, the higher goes first. */
    @Column(nullable = false)
    public short priority;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public DeliveryStatus status;

    @Column(nullable = false)
    public int attempts;

    /** When it is due; while SENDING, when the sender's lease ends. */
    @Column(name = "next_attempt_at", nullable = false)
    public Instant nextAttemptAt;

    @Column(name = "last_error")
    public String lastError;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "sent_at")
    public Instant sentAt;
}
