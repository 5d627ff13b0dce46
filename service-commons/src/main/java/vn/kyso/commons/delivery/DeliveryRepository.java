package vn.kyso.commons.delivery;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import vn.kyso.commons.db.NativeSelects;

/** The delivery queue's rows. */
@ApplicationScoped
@WithSession
public class DeliveryRepository implements PanacheRepositoryBase<Delivery, UUID> {

    /**
     * Claims the channel's next due delivery for {@code lease}: a pending one whose time has come, or one whose
     * sender's lease ran out; the most urgent first, then the longest due. {@code skip locked} makes concurrent senders
     * and replicas take different rows.
     */
    public Uni<Delivery> claimDue(String channel, Instant now, Duration lease) {
        // One statement takes the row and writes the lease's two columns; loading the row and letting the session
        // write it back cost a second round trip and rewrote every column, the payload included.
        return getSession().chain(s -> s.createNativeQuery("update kyso_delivery set status = 'SENDING', "
                                + "next_attempt_at = :leaseEnd where id = (select id from kyso_delivery where "
                                + "channel = :channel and status in ('PENDING', 'SENDING') and next_attempt_at <= :now "
                                + "order by priority desc, next_attempt_at limit 1 for update skip locked) returning *",
                                Delivery.class)
                        .setParameter("channel", NativeSelects.uncached(channel)).setParameter("now", now)
                        .setParameter("leaseEnd", now.plus(lease))
                        .getResultList())
                .map(rows -> rows.isEmpty() ? null : rows.get(0));
    }

    /** The destination took it; only the claim's holder may say so. */
    public Uni<Integer> markSent(UUID id, int attempts, Instant sentAt) {
        return update("status = ?1, attempts = ?2, sentAt = ?3, lastError = null where id = ?4 and status = ?5",
                DeliveryStatus.SENT, attempts, sentAt, id, DeliveryStatus.SENDING);
    }

    /** The attempt failed: pending again, due at {@code nextAttemptAt}. */
    public Uni<Integer> markRetry(UUID id, int attempts, Instant nextAttemptAt, String lastError) {
        return update("status = ?1, attempts = ?2, nextAttemptAt = ?3, lastError = ?4 where id = ?5 and status = ?6",
                DeliveryStatus.PENDING, attempts, nextAttemptAt, lastError, id, DeliveryStatus.SENDING);
    }

    /** Given up: dead-lettered. */
    public Uni<Integer> markFailed(UUID id, int attempts, String lastError) {
        return update("status = ?1, attempts = ?2, lastError = ?3 where id = ?4 and status = ?5",
                DeliveryStatus.FAILED, attempts, lastError, id, DeliveryStatus.SENDING);
    }

    /** The deliveries about {@code reference}, oldest first. */
    public Uni<List<Delivery>> about(String reference) {
        return list("reference = ?1 order by createdAt", reference);
    }
}
