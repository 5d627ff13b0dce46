package vn.kyso.signing.document.model;

import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** The uploaded bytes of a subscriber's document, apart so that listing never loads them. */
@Entity
@Table(name = "subscriber_document_content")
public class SubscriberDocumentContent {

    @Id
    @Column(name = "document_id")
    public UUID documentId;

    @Column(nullable = false)
    public byte[] content;
}
