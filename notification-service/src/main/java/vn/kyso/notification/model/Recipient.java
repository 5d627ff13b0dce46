package vn.kyso.notification.model;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** An account's mail recipient, kept from {@code AccountCreated}. */
@Entity
@Table(name = "recipient")
public class Recipient {

    @Id
    @Column(name = "account_id")
    public UUID accountId;

    @Column(nullable = false)
    public String email;

    @Column(name = "full_name", nullable = false)
    public String fullName;

    @Column(nullable = false)
    public String identifier;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;
}
