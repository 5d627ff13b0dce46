package vn.kyso.activation.model;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/** One attempt at getting the acceptance record signed: the PDF, its signing transaction, the signed result. */
@Entity
@Table(name = "acceptance_record")
public class AcceptanceRecord {

    @Id
    public UUID id;

    @Column(name = "activation_id", nullable = false)
    public UUID activationId;

    @Column(name = "account_id", nullable = false)
    public UUID accountId;

    @Column(nullable = false)
    public int attempt;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public AcceptanceStatus status;

    @Column(name = "transaction_id")
    public UUID transactionId;

    /** The unsigned PDF, made once per activation and reused by later attempts. */
    public byte[] document;

    @Column(name = "signed_document")
    public byte[] signedDocument;

    @Column(name = "next_try_at", nullable = false)
    public Instant nextTryAt;

    @Column(nullable = false)
    public int tries;

    @Column(name = "last_error")
    public String lastError;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    @Version
    public int version;
}
