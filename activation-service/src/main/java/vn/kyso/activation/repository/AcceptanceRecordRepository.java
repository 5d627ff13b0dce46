package vn.kyso.activation.repository;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import vn.kyso.activation.model.AcceptanceRecord;
import vn.kyso.commons.db.NativeSelects;

/** Acceptance records and their signing attempts. */
@ApplicationScoped
@WithSession
public class AcceptanceRecordRepository implements PanacheRepositoryBase<AcceptanceRecord, UUID> {

    /** The newest attempt of an activation, or null. */
    public Uni<AcceptanceRecord> current(UUID activationId) {
        return find("activationId", Sort.descending("attempt"), activationId).firstResult();
    }

    public Uni<AcceptanceRecord> currentForAccount(UUID accountId) {
        return find("accountId", Sort.descending("attempt"), accountId).firstResult();
    }

    public Uni<AcceptanceRecord> byTransaction(UUID transactionId) {
        return find("transactionId", transactionId).firstResult();
    }

    public Uni<Boolean> isOurs(UUID transactionId) {
        return count("transactionId", transactionId).map(n -> n > 0);
    }

    /** Records with work due, row-locked; other replicas skip them. */
    public Uni<List<AcceptanceRecord>> due(Instant now, int limit) {
        return getSession().chain(s -> s.createNativeQuery("select * from acceptance_record where status in "
                        + "('TO_REQUEST', 'TO_COLLECT') and next_try_at <= :now order by next_try_at limit :limit "
                        + "for update skip locked", AcceptanceRecord.class)
                .setParameter("now", now).setParameter("limit", NativeSelects.uncached(limit)).getResultList());
    }
}
