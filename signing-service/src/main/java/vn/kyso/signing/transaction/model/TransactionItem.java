package vn.kyso.signing.transaction.model;

import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
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

    /** {@code HASH}: the requester sent a digest; {@code PDF}: a whole document, signed as PAdES. */
    @Enumerated(EnumType.STRING)
    @Column(name = "item_type", nullable = false)
    public ItemType type = ItemType.HASH;

    /** The raw signature of a hash item, or the CMS of a PDF item. */
    public byte[] signature;

    /** When the requester was handed this item's signature, for requesters that take them one call at a time. */
    @Column(name = "released_at")
    public java.time.Instant releasedAt;

    /** The AdES level reached, for items signed as documents ({@code PAdES-B-T}, {@code XAdES-B-LT}, …). */
    @Column(name = "signature_level")
    public String signatureLevel;

    /** An RFC 3161 token over the signature value's SHA-256, when the requester asked for one and the TSA answered. */
    @Column(name = "signature_time_stamp")
    public byte[] signatureTimeStamp;
}
