package vn.kyso.commons.outbox;

import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import vn.kyso.events.EventCodec;
import vn.kyso.events.EventType;

/** Appends events to the outbox inside the caller's transaction, so the event exists if and only if the change does. */
@ApplicationScoped
public class Outbox {

    private final OutboxRepository repository;
    private final Clock clock;

    public Outbox(OutboxRepository repository) {
        this.repository = repository;
        this.clock = Clock.systemUTC();
    }

    /**
     * Records an event; must run inside the transaction that makes the state change (e.g. a
     * {@code @WithTransaction} service method).
     *
     * @return the event id, which consumers use to drop duplicates
     */
    public <T> Uni<UUID> append(EventType<T> type, Object aggregateId, T payload) {
        OutboxEvent row = new OutboxEvent();
        row.eventId = UUID.randomUUID();
        row.eventType = type.type();
        row.topic = type.topic();
        row.aggregateId = aggregateId.toString();
        row.payload = EventCodec.toJson(payload);
        row.occurredAt = Instant.now(clock);
        return repository.persist(row).replaceWith(row.eventId);
    }
}
