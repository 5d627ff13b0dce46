package vn.kyso.signing.credential.model;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/** A subscriber's signing credential: key in custody, certificate, PIN verifier, bound device. */
@Entity
@Table(name = "credential")
public class Credential {

    @Id
    public UUID id;

    @Column(name = "account_id", nullable = false)
    public UUID accountId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public CredentialStatus status;

    @Column(name = "key_algorithm", nullable = false)
    public String keyAlgorithm;

    @Column(name = "key_reference", nullable = false)
    public String keyReference;

    /** SubjectPublicKeyInfo DER. */
    @Column(name = "public_key", nullable = false)
    public byte[] publicKey;

    /** A renewal's new key, waiting for its certificate (then it replaces {@link #keyReference}); null otherwise. */
    @Column(name = "pending_key_reference")
    public String pendingKeyReference;

    /** SubjectPublicKeyInfo DER of the renewal's new key. */
    @Column(name = "pending_public_key")
    public byte[] pendingPublicKey;

    @Column(name = "pending_key_algorithm")
    public String pendingKeyAlgorithm;

    @Column(name = "renewal_requested_at")
    public Instant renewalRequestedAt;

    @Column(name = "pin_salt", nullable = false)
    public byte[] pinSalt;

    @Column(name = "pin_verifier", nullable = false)
    public byte[] pinVerifier;

    @Column(name = "pin_failures", nullable = false)
    public int pinFailures;

    @Column(name = "pin_locked_at")
    public Instant pinLockedAt;

    @Column(name = "device_name", nullable = false)
    public String deviceName;

    /** SubjectPublicKeyInfo DER of the device's EC P-256 key (of the passkey's key for a passkey). */
    @Column(name = "device_public_key", nullable = false)
    public byte[] devicePublicKey;

    /** The passkey's credential id, when the bound device is a WebAuthn passkey. */
    @Column(name = "passkey_credential_id")
    public byte[] passkeyCredentialId;

    /** The passkey's attested credential data (its COSE public key); null for a raw device key. */
    @Column(name = "passkey_data")
    public byte[] passkeyData;

    /** The authenticator's last signature counter; a counter that goes back means a cloned authenticator. */
    @Column(name = "passkey_sign_count")
    public Long passkeySignCount;

    public byte[] certificate;

    /** DER of the issuing CA that signed {@link #certificate}. */
    @Column(name = "ca_certificate")
    public byte[] caCertificate;

    /** DER of the root above it. */
    @Column(name = "root_certificate")
    public byte[] rootCertificate;

    @Column(name = "serial_number")
    public String serialNumber;

    @Column(name = "certificate_not_after")
    public Instant certificateNotAfter;

    /** TH v2 delegation: the TOTP secret, sealed; null while delegation is off. */
    @Column(name = "totp_secret_sealed")
    public byte[] totpSecretSealed;

    /** TH v2 delegation: the key's custody binding, sealed, so the key opens with password + TOTP instead of the PIN. */
    @Column(name = "delegated_binding_sealed")
    public byte[] delegatedBindingSealed;

    @Column(name = "totp_enabled_at")
    public Instant totpEnabledAt;

    /** The last TOTP time step accepted: a code is never accepted twice. */
    @Column(name = "totp_last_step")
    public Long totpLastStep;

    @Column(name = "totp_failures", nullable = false)
    public int totpFailures;

    /** When TH delegation last ended, so the subscriber sees that it did and why (null while on or never used). */
    @Column(name = "delegation_ended_at")
    public Instant delegationEndedAt;

    /** Why: {@code TURNED_OFF}, {@code TOO_MANY_WRONG_CODES} or {@code NEW_KEY}. */
    @Column(name = "delegation_end_reason")
    public String delegationEndReason;

    @Column(name = "failure_reason")
    public String failureReason;

    /** Whether the current hold is the subscriber's own (which the subscriber may lift), not an operator's. */
    @Column(name = "held_by_subscriber", nullable = false)
    public boolean heldBySubscriber;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    @Version
    public int version;

    /** Set when an operator approved a lost-device recovery: from then on the bound device proves nothing. */
    @Column(name = "device_revoked_at")
    public Instant deviceRevokedAt;
}
