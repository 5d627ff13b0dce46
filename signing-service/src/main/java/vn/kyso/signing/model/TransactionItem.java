package vn.kyso.signing.model;

import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** One document's digest in a transaction, and its signature once approved. */
@Entity
@Table(name = "transaction_item")
public class TransactionItem {

    @Id
    public UUID id;

    @Column(name = "transaction_id", nullable = false)
    public UUID transactionId;

    @Column(nullable = false)
    public int position;

    @Column(name = "doc_id", nullable = false)
    public String docId;

    @Column(name = "file_name", nullable = false)
    public String fileName;

    /** {@code SHA-256} for now. */
    @Column(name = "hash_algorithm", nullable = false)
    public String hashAlgorithm;

    @Column(nullable = false)
    public byte[] digest;

    public byte[] signature;
}
