package vn.kyso.signing.transaction.repository;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import vn.kyso.signing.transaction.model.TransactionItem;

/** The items of signing transactions. */
@ApplicationScoped
@WithSession
public class TransactionItemRepository implements PanacheRepositoryBase<TransactionItem, UUID> {

    public Uni<List<TransactionItem>> of(UUID transactionId) {
        return list("transactionId", Sort.by("position"), transactionId);
    }
}
