package vn.kyso.ca.model;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** What ca-service knows of an account: the facts that go into its certificate subject. */
@Entity
@Table(name = "account_record")
public class AccountRecord {

    @Id
    @Column(name = "account_id")
    public UUID accountId;

    @Column(nullable = false)
    public String identifier;

    @Column(name = "id_type", nullable = false)
    public String idType;

    @Column(name = "full_name", nullable = false)
    public String fullName;

    public String province;

    public String locality;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;
}
