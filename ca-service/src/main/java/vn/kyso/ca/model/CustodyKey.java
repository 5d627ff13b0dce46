package vn.kyso.ca.model;

import java.io.Serializable;
import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

/** A public key signing-service generated inside its custody for a credential of an account. */
@Entity
@Table(name = "custody_key")
@IdClass(CustodyKey.Id.class)
public class CustodyKey {

    @jakarta.persistence.Id
    @Column(name = "credential_id")
    public UUID credentialId;

    @jakarta.persistence.Id
    @Column(name = "public_key_sha256")
    public String publicKeySha256;

    @Column(name = "account_id", nullable = false)
    public UUID accountId;

    @Column(name = "announced_at", nullable = false)
    public Instant announcedAt;

    /** The composite key. */
    public record Id(UUID credentialId, String publicKeySha256) implements Serializable {
        public Id() {
            this(null, null);
        }
    }
}
