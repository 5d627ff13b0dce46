package vn.kyso.signing.transaction.model;

import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** The bytes of a whole-document item: the original the subscriber views, and the signed result. */
@Entity
@Table(name = "transaction_document")
public class TransactionDocument {

    @Id
    @Column(name = "item_id")
    public UUID itemId;

    @Column(name = "content_type", nullable = false)
    public String contentType;

    @Column(nullable = false)
    public byte[] original;

    public byte[] signed;
}
