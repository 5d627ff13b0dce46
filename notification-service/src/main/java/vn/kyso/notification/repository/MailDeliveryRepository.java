package vn.kyso.notification.repository;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import vn.kyso.notification.model.MailDelivery;

/** The mail delivery log and queue. */
@ApplicationScoped
@WithSession
public class MailDeliveryRepository implements PanacheRepositoryBase<MailDelivery, UUID> {

    /**
     * Locks due deliveries for the current transaction; {@code skip locked} makes replicas take disjoint batches
     * instead of waiting for each other.
     */
    public Uni<List<MailDelivery>> lockDue(Instant now, int limit) {
        return getSession().chain(s -> s.createNativeQuery(
                        "select * from mail_delivery where status = 'PENDING' and next_attempt_at <= :now "
                                + "order by next_attempt_at limit :limit for update skip locked", MailDelivery.class)
                .setParameter("now", now)
                .setParameter("limit", limit)
                .getResultList());
    }

    public Uni<List<MailDelivery>> forRecipient(String recipient) {
        return list("recipient = ?1 order by createdAt", recipient);
    }
}
