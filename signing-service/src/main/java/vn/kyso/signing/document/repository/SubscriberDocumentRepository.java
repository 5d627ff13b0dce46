package vn.kyso.signing.document.repository;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import vn.kyso.signing.document.model.SubscriberDocument;

/** Subscribers' documents; every read names the owner, so one subscriber never reaches another's. */
@ApplicationScoped
@WithSession
public class SubscriberDocumentRepository implements PanacheRepositoryBase<SubscriberDocument, UUID> {

    public Uni<List<SubscriberDocument>> ofAccount(UUID accountId) {
        return list("accountId", Sort.descending("createdAt"), accountId);
    }

    public Uni<Long> countOf(UUID accountId) {
        return count("accountId", accountId);
    }

    public Uni<SubscriberDocument> owned(UUID id, UUID accountId) {
        return findById(id).map(d -> d != null && d.accountId.equals(accountId) ? d : null);
    }

    /** Row-locked: one signing attempt or deletion at a time per document. */
    public Uni<SubscriberDocument> lockOwned(UUID id, UUID accountId) {
        return findById(id, LockModeType.PESSIMISTIC_WRITE)
                .map(d -> d != null && d.accountId.equals(accountId) ? d : null);
    }
}
