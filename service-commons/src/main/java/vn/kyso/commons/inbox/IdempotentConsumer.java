package vn.kyso.commons.inbox;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.jboss.logging.Logger;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.common.annotation.Identifier;
import io.smallrye.common.vertx.VertxContext;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import vn.kyso.commons.messaging.DeadLetters;
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

    /** Set on a batch's context while its records run in the batch's one transaction. */
    private static final String IN_BATCH = "kyso.inbox.batch";
    /** On the message's context while {@link #processBatch} runs: set once a record's effect has run. */
    private static final String ACTED = "kyso.inbox.acted";

    private final ProcessedEventRepository processed;
    private final DeadLetters deadLetters;

    public IdempotentConsumer(ProcessedEventRepository processed,
            @Identifier(DeadLetters.STRATEGY) DeadLetters deadLetters) {
        this.processed = processed;
        this.deadLetters = deadLetters;
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
        // Inside a batch this joins the batch's transaction, and a failure is the batch's to handle.
        Uni<Boolean> once = Panache.withTransaction(() -> processed.markProcessed(consumer, event).chain(first -> {
            if (!first) {
                LOG.debugf("%s: event %s already processed, skipped", consumer, event.id());
                return Uni.createFrom().item(false);
            }
            acted();
            return effect.apply(event).replaceWith(true);
        }));
        if (inBatch()) {
            return once;
        }
        return once
                .onFailure(e -> !(e instanceof MalformedEventException))
                .invoke(e -> LOG.warnf("%s: event %s failed, retrying: %s", consumer, event.id(), e.toString()))
                .onFailure(e -> !(e instanceof MalformedEventException))
                .retry().withBackOff(Duration.ofMillis(200), Duration.ofSeconds(10)).indefinitely();
    }

    /**
     * Runs a poll's records ({@code batch=true} channels) through {@code handler} in their order, in one transaction:
     * one commit and one wake-up of the outbox relay or mail dispatcher per poll instead of per record. If the batch
     * fails for any reason it is rolled back whole and its records are taken again one at a time, each the way
     * {@link #process} takes a single record (own transaction, transient failures retried, an unreadable one sent to
     * the channel's dead-letter topic), so one bad record costs its neighbours a retry, never their delivery.
     *
     * @param channel the incoming channel, whose {@code dead-letter-queue.topic} takes refused records
     * @param handler one record's work, as the channel's single-record consumer did it
     * @param afterCommit runs once the records are committed (wakes the outbox relay or the mail dispatcher), unless
     *     none of them had an effect: a poll of events that are other consumers' business or duplicates wakes nothing
     */
    public Uni<Void> processBatch(String channel, ConsumerRecords<String, String> records,
            Function<ConsumerRecord<String, String>, Uni<Void>> handler, Runnable afterCommit) {
        List<ConsumerRecord<String, String>> list = new ArrayList<>(records.count());
        records.forEach(list::add);
        if (list.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        Context context = messageContext();
        // Off a message's own context nothing can be tracked: then every poll wakes, as before.
        AtomicBoolean acted = new AtomicBoolean(context == null);
        if (context != null) {
            context.putLocal(ACTED, acted);
        }
        Uni<Void> done = list.size() == 1 ? oneByOne(channel, list, handler)
                : together(list, handler).onFailure().recoverWithUni(e -> {
                    LOG.infof("%s: a batch of %d records failed (%s); taking them one at a time", channel, list.size(),
                            e.getClass().getSimpleName());
                    return oneByOne(channel, list, handler);
                });
        return done.invoke(() -> {
            if (acted.get()) {
                afterCommit.run();
            }
        }).eventually(() -> {
            if (context != null) {
                context.removeLocal(ACTED);
            }
        });
    }

    /** {@link #processBatch(String, ConsumerRecords, Function, Runnable)} for a consumer with nothing to wake. */
    public Uni<Void> processBatch(String channel, ConsumerRecords<String, String> records,
            Function<ConsumerRecord<String, String>, Uni<Void>> handler) {
        return processBatch(channel, records, handler, () -> { });
    }

    private Uni<Void> together(List<ConsumerRecord<String, String>> records,
            Function<ConsumerRecord<String, String>, Uni<Void>> handler) {
        Context context = messageContext();
        if (context == null) {
            // The mark would be visible to every message of the event loop: no batch then.
            return Uni.createFrom().failure(new IllegalStateException("not on a message's own context"));
        }
        return Panache.withTransaction(() -> {
            context.putLocal(IN_BATCH, Boolean.TRUE);
            return Multi.createFrom().iterable(records)
                    .onItem().transformToUniAndConcatenate(record -> Uni.createFrom()
                            .deferred(() -> handler.apply(record))
                            // Each record starts from an empty session: Hibernate dirty-checks every entity the
                            // session holds before each query, which over a whole batch grows with its square.
                            .call(() -> Panache.getSession().chain(session -> session.flush()
                                    .invoke(session::clear))))
                    .collect().last().replaceWithVoid();
        }).eventually(() -> context.removeLocal(IN_BATCH));
    }

    private Uni<Void> oneByOne(String channel, List<ConsumerRecord<String, String>> records,
            Function<ConsumerRecord<String, String>, Uni<Void>> handler) {
        return Multi.createFrom().iterable(records)
                .onItem().transformToUniAndConcatenate(record -> Uni.createFrom().deferred(() -> handler.apply(record))
                        .onFailure().recoverWithUni(e -> deadLetters.refuse(channel, record, e)
                                // Acknowledged only once the dead-letter topic has it: until then the partition waits.
                                .onFailure().retry().withBackOff(Duration.ofMillis(200), Duration.ofSeconds(10))
                                .indefinitely()))
                .collect().last().replaceWithVoid();
    }

    /** Notes that a record of the running {@link #processBatch} had its effect (nothing outside one). */
    private static void acted() {
        Context context = messageContext();
        if (context != null && context.getLocal(ACTED) instanceof AtomicBoolean acted) {
            acted.set(true);
        }
    }

    private static boolean inBatch() {
        Context context = messageContext();
        return context != null && Boolean.TRUE.equals(context.getLocal(IN_BATCH));
    }

    /** The message's own (duplicated) Vert.x context, or null: only there are marks private to one message. */
    private static Context messageContext() {
        Context context = Vertx.currentContext();
        return context != null && VertxContext.isDuplicatedContext(context) ? context : null;
    }
}
