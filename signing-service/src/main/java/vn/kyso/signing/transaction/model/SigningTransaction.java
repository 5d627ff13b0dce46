package vn.kyso.signing.transaction.model;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/** A request to sign one or more digests with a subscriber's credential, once the subscriber approves. */
@Entity
@Table(name = "signing_transaction")
public class SigningTransaction {

    @Id
    public UUID id;

    @Column(name = "account_id", nullable = false)
    public UUID accountId;

    @Column(name = "credential_id", nullable = false)
    public UUID credentialId;

    @Column(name = "requester_type", nullable = false)
    public String requesterType;

    @Column(name = "requester_id", nullable = false)
    public String requesterId;

    /** The requester's own id for this request (unique per requester), if it gave one. */
    @Column(name = "request_ref")
    public String requestRef;

    @Column(name = "app_name", nullable = false)
    public String appName;

    @Column(nullable = false)
    public String description;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public TransactionStatus status;

    /** What the subscriber's approval does. */
    @Enumerated(EnumType.STRING)
    @Column(name = "approval_effect", nullable = false)
    public ApprovalEffect approvalEffect;

    @Column(name = "requested_at", nullable = false)
    public Instant requestedAt;

    @Column(name = "expires_at", nullable = false)
    public Instant expiresAt;

    @Column(name = "completed_at")
    public Instant completedAt;

    /** The requester asked for an RFC 3161 token over each signature. */
    @Column(name = "time_stamp_signatures", nullable = false)
    public boolean timeStampSignatures;

    /**
     * The first request of a requester the subscriber has not decided on yet: shown as such, with the choice to block
     * it; approving it allows the requester.
     */
    @Column(name = "first_contact", nullable = false)
    public boolean firstContact;

    /** SHA-256 (hex) of a TH v2 SAD still to be used; cleared when it is spent. */
    @Column(name = "sad_hash")
    public String sadHash;

    /** CSC: the key's custody binding, sealed, between approval and signHash; wiped when used or expired. */
    @Column(name = "authorized_binding_sealed")
    public byte[] authorizedBindingSealed;

    @Version
    public int version;
}
