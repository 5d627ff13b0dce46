package vn.kyso.commons.inbox;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import vn.kyso.commons.db.NativeSelects;

/** The processed-event table that makes consumers idempotent. */
@ApplicationScoped
public class ProcessedEventRepository {

    /** Records the event for this consumer; false when it was already processed. Runs in the caller's transaction. */
    public Uni<Boolean> markProcessed(String consumer, IncomingEvent event) {
        return Panache.getSession().chain(s -> s.createNativeQuery(
                        "insert into kyso_processed_event (consumer, event_id, event_type) values (:c, :id, :type) "
                                + "on conflict do nothing")
                .setParameter("c", consumer)
                .setParameter("id", event.id())
                .setParameter("type", event.type())
                .executeUpdate())
                .map(inserted -> inserted == 1);
    }

    /** Whether this consumer has processed the event; lets tests and operators see that a delivery was handled. */
    public Uni<Boolean> isProcessed(String consumer, String eventId) {
        return Panache.getSession().chain(s -> s.createNativeQuery(
                        "select count(*) from kyso_processed_event where consumer = :c and event_id = :id", Long.class)
                .setParameter("c", consumer)
                .setParameter("id", NativeSelects.uncached(eventId))
                .getSingleResult())
                .map(count -> count > 0);
    }
}
