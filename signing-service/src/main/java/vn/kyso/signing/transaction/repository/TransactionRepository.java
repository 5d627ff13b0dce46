package vn.kyso.signing.transaction.repository;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import vn.kyso.signing.transaction.model.SigningTransaction;
import vn.kyso.signing.transaction.model.TransactionStatus;
import vn.kyso.commons.db.NativeSelects;

/** Signing transactions. */
@ApplicationScoped
@WithSession
public class TransactionRepository implements PanacheRepositoryBase<SigningTransaction, UUID> {

    public Uni<List<SigningTransaction>> forAccount(UUID accountId, TransactionStatus status) {
        return status == null ? list("accountId", Sort.descending("requestedAt"), accountId)
                : list("accountId = ?1 and status = ?2", Sort.descending("requestedAt"), accountId, status);
    }

    /** Row-locked: one final state per transaction, whoever gets there first. */
    public Uni<SigningTransaction> lockOwned(UUID id, UUID accountId) {
        return findById(id, LockModeType.PESSIMISTIC_WRITE)
                .map(t -> t != null && t.accountId.equals(accountId) ? t : null);
    }

    /** Pending transactions past their time, locked and skipped by other replicas' sweeps. */
    public Uni<List<SigningTransaction>> overdue(Instant now, int limit) {
        return getSession().chain(s -> s.createNativeQuery("select * from signing_transaction where status in ('PENDING', 'AUTHORIZED') "
                        + "and expires_at <= :now order by expires_at limit :limit for update skip locked",
                        SigningTransaction.class)
                .setParameter("now", now).setParameter("limit", NativeSelects.uncached(limit)).getResultList());
    }

}
