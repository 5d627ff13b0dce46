package vn.kyso.signing.transaction.repository;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import vn.kyso.signing.transaction.model.TransactionDocument;

/** Whole documents of transaction items, loaded only to view or sign them. */
@ApplicationScoped
@WithSession
public class TransactionDocumentRepository implements PanacheRepositoryBase<TransactionDocument, UUID> {
}
