package vn.kyso.signing.transaction.service;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import vn.kyso.commons.problem.ProblemException;
import vn.kyso.signing.SigningError;
import vn.kyso.signing.transaction.model.ItemType;
import vn.kyso.signing.transaction.model.TransactionItem;
import vn.kyso.signing.transaction.model.TransactionStatus;
import vn.kyso.signing.transaction.repository.TransactionDocumentRepository;
import vn.kyso.signing.transaction.repository.TransactionItemRepository;
import vn.kyso.signing.transaction.repository.TransactionRepository;

/** Transactions as their subscriber or their requester may read them, and the documents they carry. */
@ApplicationScoped
public class TransactionQueries {

    /** The requester kind of Kyso's own services (the internal API). */
    public static final String KYSO_REQUESTER = "KYSO";

    private final TransactionRepository transactions;
    private final TransactionItemRepository items;
    private final TransactionDocumentRepository documents;

    public TransactionQueries(TransactionRepository transactions, TransactionItemRepository items,
            TransactionDocumentRepository documents) {
        this.transactions = transactions;
        this.items = items;
        this.documents = documents;
    }

    /** The subscriber's transactions, newest first, each with its items (file names for the list). */
    public Uni<List<LoadedTransaction>> list(UUID accountId, TransactionStatus status) {
        return Panache.withSession(() -> transactions.forAccount(accountId, status).chain(list -> {
            if (list.isEmpty()) {
                return Uni.createFrom().item(List.<LoadedTransaction>of());
            }
            return items.list("transactionId in ?1", Sort.by("position"), list.stream().map(t -> t.id).toList())
                    .map(all -> list.stream().map(tx -> new LoadedTransaction(tx, all.stream()
                            .filter(i -> i.transactionId.equals(tx.id)).toList())).toList());
        }));
    }

    public Uni<LoadedTransaction> get(UUID accountId, UUID id) {
        return Panache.withSession(() -> transactions.findById(id).chain(tx -> {
            if (tx == null || !tx.accountId.equals(accountId)) {
                return Uni.createFrom().failure(notFound());
            }
            return items.of(id).map(list -> new LoadedTransaction(tx, list));
        }));
    }

    /**
     * A file item's document for the subscriber's "view document": the signed PDF once signed, else the original.
     *
     * @param docId which item; null = the first file item
     */
    public Uni<ShownDocument> document(UUID accountId, UUID id, String docId) {
        return get(accountId, id).chain(loaded -> documentOf(loaded, docId));
    }

    /** The same for the service that asked for the transaction (or an operator). */
    public Uni<ShownDocument> documentForRequester(String requesterId, boolean operator, UUID id, String docId) {
        return loadForRequester(requesterId, operator, id).chain(loaded -> documentOf(loaded, docId));
    }

    /** A transaction as the Kyso service that made it (or an operator) may see it. */
    public Uni<LoadedTransaction> loadForRequester(String requesterId, boolean operator, UUID id) {
        return Panache.withSession(() -> transactions.findById(id).chain(tx -> {
            if (tx == null || !(operator || KYSO_REQUESTER.equals(tx.requesterType)
                    && tx.requesterId.equals(requesterId))) {
                return Uni.createFrom().failure(new ProblemException(SigningError.TRANSACTION_NOT_FOUND,
                        "No such transaction for this requester"));
            }
            return items.of(id).map(list -> new LoadedTransaction(tx, list));
        }));
    }

    private Uni<ShownDocument> documentOf(LoadedTransaction loaded, String docId) {
        TransactionItem item = loaded.items().stream()
                .filter(i -> i.type == ItemType.PDF && (docId == null || docId.equals(i.docId))).findFirst()
                .orElseThrow(() -> new ProblemException(SigningError.DOCUMENT_NOT_FOUND,
                        "This transaction has no such document"));
        return Panache.withSession(() -> documents.findById(item.id)).map(document -> {
            byte[] shown = document == null ? null : document.signed != null ? document.signed : document.original;
            if (shown == null) {
                throw new ProblemException(SigningError.DOCUMENT_NOT_FOUND, "The document was deleted by its owner");
            }
            return new ShownDocument(item.fileName, document.contentType, shown);
        });
    }

    static ProblemException notFound() {
        return new ProblemException(SigningError.TRANSACTION_NOT_FOUND, "No such transaction for this subscriber");
    }
}
