package vn.kyso.signing.credential.model;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A subscriber's identity as integrators address it (ID number without prefix), from {@code AccountCreated}. */
@Entity
@Table(name = "subscriber")
public class Subscriber {

    @Id
    @Column(name = "account_id")
    public UUID accountId;

    @Column(nullable = false)
    public String identifier;

    @Column(name = "id_type", nullable = false)
    public String idType;

    @Column(name = "full_name", nullable = false)
    public String fullName;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;
}
