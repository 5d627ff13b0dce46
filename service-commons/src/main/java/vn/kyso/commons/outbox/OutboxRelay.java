package vn.kyso.commons.outbox;

import java.net.URI;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.groups.UniJoin;
import io.smallrye.reactive.messaging.ce.OutgoingCloudEventMetadata;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import vn.kyso.commons.messaging.KafkaOut;
import vn.kyso.commons.work.WakeableJob;
import vn.kyso.events.CloudEventConventions;

/**
 * Publishes outbox rows to Kafka at least once, in table order, deleting each row only after the broker acknowledged
 * it; during a broker outage rows simply wait.
 */
@ApplicationScoped
public class OutboxRelay {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);

    private final OutboxRepository repository;
    private final KafkaOut out;
    private final OutboxConfig config;
    private final URI source;
    private final WakeableJob job;

    public OutboxRelay(OutboxRepository repository, KafkaOut out,
            OutboxConfig config, @ConfigProperty(name = "quarkus.application.name") String applicationName,
            Vertx vertx) {
        this.repository = repository;
        this.job = new WakeableJob("Outbox relay", vertx, this::drain);
        this.out = out;
        this.config = config;
        this.source = CloudEventConventions.source(applicationName);
    }

    /**
     * Runs the relay now, or once more right after the run in progress; called after a transaction that appended
     * events committed, so events leave without waiting for the next poll.
     */
    public void wake() {
        if (config.enabled()) {
            job.wake();
        }
    }

    /** Catches rows written by other replicas and retries after a broker outage. */
    void onShutdown(@Observes ShutdownEvent event) {
        job.stop();
    }

    @Scheduled(every = "${kyso.outbox.poll-interval:1s}", delayed = "1s",
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void poll() {
        wake();
    }

    /** Publishes until the outbox is empty or a publication fails; returns the number published. */
    public Uni<Integer> drain() {
        return publishBatch().chain(result -> result.full() && result.failed() == 0
                ? drain().map(more -> result.published() + more)
                : Uni.createFrom().item(result.published()));
    }

    private Uni<BatchResult> publishBatch() {
        return Panache.withTransaction(() -> repository.tryRelayLock().chain(locked -> {
            if (!Boolean.TRUE.equals(locked)) {
                return Uni.createFrom().item(new BatchResult(0, 0, false));
            }
            return repository.oldest(config.batchSize()).chain(rows -> rows.isEmpty()
                    ? Uni.createFrom().item(new BatchResult(0, 0, false))
                    : publish(rows).chain(acked -> {
                        List<Long> failed = rows.stream().map(r -> r.id).filter(id -> !acked.contains(id)).toList();
                        if (!failed.isEmpty()) {
                            LOG.warnf("Outbox: %d of %d events not acknowledged by Kafka, will retry",
                                    failed.size(), rows.size());
                        }
                        return repository.deleteIds(acked)
                                .chain(() -> repository.countAttempt(failed))
                                .replaceWith(new BatchResult(acked.size(), failed.size(),
                                        rows.size() >= config.batchSize()));
                    }));
        }));
    }

    /** Sends the batch in order (the producer keeps per-partition order) and collects the acknowledged ids. */
    private Uni<List<Long>> publish(List<OutboxEvent> rows) {
        Context caller = Vertx.currentContext();
        UniJoin.Builder<Long> join = Uni.join().builder();
        for (OutboxEvent row : rows) {
            join.add(out.send(toMessage(row))
                    .replaceWith(row.id)
                    .onFailure().recoverWithItem(-1L));
        }
        Uni<List<Long>> acked = join.joinAll().andFailFast().map(ids -> {
            List<Long> ok = new ArrayList<>();
            ids.stream().filter(id -> id >= 0).forEach(ok::add);
            return ok;
        });
        // Acknowledgements arrive on Kafka's threads; the reactive session may only be used on its own context.
        return caller == null ? acked : acked.emitOn(task -> caller.runOnContext(ignored -> task.run()));
    }

    private Message<String> toMessage(OutboxEvent row) {
        return Message.of(row.payload)
                .addMetadata(OutgoingCloudEventMetadata.builder()
                        .withId(row.eventId.toString())
                        .withType(row.eventType)
                        .withSource(source)
                        .withSubject(row.aggregateId)
                        .withTimestamp(row.occurredAt.atZone(ZoneOffset.UTC))
                        .withDataContentType(CloudEventConventions.CONTENT_TYPE)
                        .build())
                .addMetadata(OutgoingKafkaRecordMetadata.<String>builder()
                        .withKey(row.aggregateId)
                        .withTopic(row.topic)
                        .build());
    }

    private record BatchResult(int published, int failed, boolean full) {
    }
}
