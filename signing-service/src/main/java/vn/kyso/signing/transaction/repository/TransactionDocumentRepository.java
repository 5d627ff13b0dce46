package vn.kyso.signing.transaction.repository;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import vn.kyso.signing.transaction.model.TransactionDocument;

/** Whole documents of transaction items, loaded only to view or sign them. */
@ApplicationScoped
@WithSession
public class TransactionDocumentRepository implements PanacheRepositoryBase<TransactionDocument, UUID> {

    /** The signed PDF of a transaction's (first) PDF item, or null. */
    public Uni<byte[]> signedOf(UUID transactionId) {
        return getSession().chain(s -> s.createSelectionQuery("select d.signed from TransactionDocument d, "
                        + "TransactionItem i where i.id = d.itemId and i.transactionId = :tx order by i.position",
                        byte[].class).setParameter("tx", transactionId).setMaxResults(1).getResultList())
                .map(list -> list.isEmpty() ? null : list.get(0));
    }

    /** Wipes the bytes of the documents of a requester's transactions whose reference matches {@code refLike}. */
    public Uni<Integer> wipeFor(String requesterType, String requesterId, String refLike) {
        return update("original = null, signed = null where itemId in (select i.id from TransactionItem i, "
                + "SigningTransaction t where i.transactionId = t.id and t.requesterType = ?1 and t.requesterId = ?2 "
                + "and t.requestRef like ?3)", requesterType, requesterId, refLike);
    }
}
