package vn.kyso.notification.model;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A browser's Web Push subscription: where its push service takes messages and the keys they are encrypted to. */
@Entity
@Table(name = "push_subscription")
public class PushSubscription {

    @Id
    public UUID id;

    @Column(name = "account_id", nullable = false)
    public UUID accountId;

    @Column(nullable = false, unique = true)
    public String endpoint;

    /** The browser's P-256 public key, uncompressed point, base64url. */
    @Column(nullable = false)
    public String p256dh;

    /** The browser's 16-byte authentication secret, base64url. */
    @Column(nullable = false)
    public String auth;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;
}
