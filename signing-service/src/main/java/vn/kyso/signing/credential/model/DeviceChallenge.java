package vn.kyso.signing.credential.model;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A single-use challenge for the bound device to sign. */
@Entity
@Table(name = "device_challenge")
public class DeviceChallenge {

    @Id
    public String challenge;

    /** Null for a passkey registration, which comes before the credential. */
    @Column(name = "credential_id")
    public UUID credentialId;

    @Column(name = "account_id", nullable = false)
    public UUID accountId;

    @Column(nullable = false)
    public String purpose;

    @Column(name = "expires_at", nullable = false)
    public Instant expiresAt;

    @Column(name = "used_at")
    public Instant usedAt;
}
