package vn.kyso.account.model;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/** A subscriber's account: identity, contact details and lifecycle status. */
@Entity
@Table(name = "account")
public class Account {

    @Id
    public UUID id;

    @Column(nullable = false, unique = true)
    public String identifier;

    @Enumerated(EnumType.STRING)
    @Column(name = "id_type", nullable = false)
    public IdType idType;

    @Column(name = "full_name", nullable = false)
    public String fullName;

    @Column(nullable = false)
    public String email;

    @Column(nullable = false)
    public String phone;

    @Column(nullable = false)
    public String province;

    @Column(nullable = false)
    public String locality;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public AccountStatus status;

    @Column(name = "created_by", nullable = false)
    public String createdBy;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    /** Argon2id hash; null until the subscriber chose a password at activation step 1. */
    @Column(name = "password_hash")
    public String passwordHash;

    @Column(name = "password_set_at")
    public Instant passwordSetAt;

    @Version
    public int version;
}
