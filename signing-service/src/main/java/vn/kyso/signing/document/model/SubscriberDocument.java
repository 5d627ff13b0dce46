package vn.kyso.signing.document.model;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A PDF a subscriber uploaded to sign in the portal, and the transaction of its latest signing attempt. */
@Entity
@Table(name = "subscriber_document")
public class SubscriberDocument {

    @Id
    public UUID id;

    @Column(name = "account_id", nullable = false)
    public UUID accountId;

    @Column(name = "file_name", nullable = false)
    public String fileName;

    @Column(name = "page_count", nullable = false)
    public int pageCount;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    /** Signing attempts so far; attempt n is the transaction with request reference {@code <id>/<n>}. */
    @Column(nullable = false)
    public int attempts;

    /** The latest attempt's transaction, if any. */
    @Column(name = "transaction_id")
    public UUID transactionId;
}
