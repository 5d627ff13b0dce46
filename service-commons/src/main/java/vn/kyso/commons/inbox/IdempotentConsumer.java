package vn.kyso.commons.inbox;

import java.time.Duration;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jboss.logging.Logger;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import vn.kyso.events.EventType;
import vn.kyso.events.MalformedEventException;

/**
 * Runs a consumer's effect exactly once per event id: the dedupe row and the effect share one transaction.
 *
 * <p>Transient failures (database or network) are retried with back-off while the partition waits, so nothing is
 * skipped; a {@link MalformedEventException} fails at once so the channel's failure strategy (dead-letter topic) takes
 * the record.
 */
@ApplicationScoped
public class IdempotentConsumer {

    private static final Logger LOG = Logger.getLogger(IdempotentConsumer.class);

    private final ProcessedEventRepository processed;

    public IdempotentConsumer(ProcessedEventRepository processed) {
        this.processed = processed;
    }

    /**
     * For a consumer of one event type on a topic that carries several: records of other types are skipped
     * untouched (they are other consumers' business, or newer types), the rest go through {@link #process} with their
     * payload read as the type's record.
     */
    public <T> Uni<Boolean> processOnly(EventType<T> type, String consumer, ConsumerRecord<String, String> record,
            Function<T, Uni<Void>> effect) {
        String ceType = IncomingEvent.typeOf(record);
        if (ceType != null && !type.type().equals(ceType)) {
            return Uni.createFrom().item(false);
        }
        return process(consumer, record, event -> effect.apply(event.payload(type.payload())));
    }

    /**
     * Like {@link #processOnly(EventType, String, ConsumerRecord, Function)}, but events of the type that are none of
     * this consumer's business ({@code relevant} false, e.g. a certificate with no credential) are skipped without a
     * transaction: nothing to deduplicate when nothing happens.
     */
    public <T> Uni<Boolean> processOnly(EventType<T> type, String consumer, ConsumerRecord<String, String> record,
            java.util.function.Predicate<T> relevant, Function<T, Uni<Void>> effect) {
        String ceType = IncomingEvent.typeOf(record);
        if (ceType != null && type.type().equals(ceType) && record.value() != null) {
            T payload;
            try {
                payload = vn.kyso.events.EventCodec.fromJson(record.value(), type.payload());
            } catch (MalformedEventException e) {
                payload = null; // let process() refuse it the usual way (dead-letter topic)
            }
            if (payload != null && !relevant.test(payload)) {
                return Uni.createFrom().item(false);
            }
        }
        return processOnly(type, consumer, record, effect);
    }

    /**
     * @param consumer a stable name for this consumer (several consumers in one service keep separate records)
     * @param effect the state change for a first delivery; runs inside the transaction
     * @return true when the effect ran, false for a duplicate
     */
    public Uni<Boolean> process(String consumer, ConsumerRecord<String, String> record,
            Function<IncomingEvent, Uni<Void>> effect) {
        IncomingEvent event = IncomingEvent.from(record);
        return Panache.withTransaction(() -> processed.markProcessed(consumer, event).chain(first -> {
            if (!first) {
                LOG.debugf("%s: event %s already processed, skipped", consumer, event.id());
                return Uni.createFrom().item(false);
            }
            return effect.apply(event).replaceWith(true);
        }))
                .onFailure(e -> !(e instanceof MalformedEventException))
                .invoke(e -> LOG.warnf("%s: event %s failed, retrying: %s", consumer, event.id(), e.toString()))
                .onFailure(e -> !(e instanceof MalformedEventException))
                .retry().withBackOff(Duration.ofMillis(200), Duration.ofSeconds(10)).indefinitely();
    }
}
