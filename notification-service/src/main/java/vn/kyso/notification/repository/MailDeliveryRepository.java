package vn.kyso.notification.repository;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import vn.kyso.notification.model.DeliveryStatus;
import vn.kyso.notification.model.MailDelivery;

/** The mail delivery log and queue. */
@ApplicationScoped
@WithSession
public class MailDeliveryRepository implements PanacheRepositoryBase<MailDelivery, UUID> {

    /**
     * Claims the next due delivery for {@code lease}: a pending one whose time has come, or one whose sender's lease
     * ran out (it died mid-send). {@code skip locked} makes concurrent senders and replicas take different rows.
     */
    public Uni<MailDelivery> claimDue(Instant now, Duration lease) {
        return getSession().chain(s -> s.createNativeQuery(
                        "select * from mail_delivery where status in ('PENDING', 'SENDING') and next_attempt_at <= :now "
                                + "order by next_attempt_at limit 1 for update skip locked", MailDelivery.class)
                .setParameter("now", now)
                .getResultList())
                .map(rows -> {
                    if (rows.isEmpty()) {
                        return null;
                    }
                    MailDelivery d = rows.get(0);
                    d.status = DeliveryStatus.SENDING;
                    d.nextAttemptAt = now.plus(lease);
                    return d;
                });
    }

    /** The SMTP server took the mail; only the claim's holder may say so. */
    public Uni<Integer> markSent(UUID id, int attempts, Instant sentAt) {
        return update("status = ?1, attempts = ?2, sentAt = ?3, lastError = null where id = ?4 and status = ?5",
                DeliveryStatus.SENT, attempts, sentAt, id, DeliveryStatus.SENDING);
    }

    /** The send failed: back to pending, due again at {@code nextAttemptAt}. */
    public Uni<Integer> markFailed(UUID id, int attempts, Instant nextAttemptAt, String lastError) {
        return update("status = ?1, attempts = ?2, nextAttemptAt = ?3, lastError = ?4 where id = ?5 and status = ?6",
                DeliveryStatus.PENDING, attempts, nextAttemptAt, lastError, id, DeliveryStatus.SENDING);
    }

    public Uni<List<MailDelivery>> forRecipient(String recipient) {
        return list("recipient = ?1 order by createdAt", recipient);
    }
}
