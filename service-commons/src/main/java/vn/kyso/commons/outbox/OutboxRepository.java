package vn.kyso.commons.outbox;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import vn.kyso.commons.db.NativeSelects;

/** Access to the outbox table. */
@ApplicationScoped
@WithSession
public class OutboxRepository implements PanacheRepositoryBase<OutboxEvent, Long> {

    /** Fixed key of the advisory lock that makes one replica at a time the relay, which keeps per-key order. */
    static final long RELAY_LOCK = 0x6b79736f_6f757462L;

    public Uni<Boolean> tryRelayLock() {
        return getSession().chain(s -> s.createNativeQuery("select pg_try_advisory_xact_lock(:key)", Boolean.class)
                .setParameter("key", NativeSelects.uncached(RELAY_LOCK))
                .getSingleResult());
    }

    public Uni<List<OutboxEvent>> oldest(int limit) {
        return find("order by id").page(0, limit).list();
    }

    public Uni<Long> deleteIds(List<Long> ids) {
        return ids.isEmpty() ? Uni.createFrom().item(0L) : delete("id in ?1", ids);
    }

    public Uni<Integer> countAttempt(List<Long> ids) {
        return ids.isEmpty() ? Uni.createFrom().item(0)
                : update("attempts = attempts + 1 where id in ?1", ids);
    }
}
