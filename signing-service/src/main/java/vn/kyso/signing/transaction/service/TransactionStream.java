package vn.kyso.signing.transaction.service;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.operators.multi.processors.BroadcastProcessor;

/**
 * Live changes of subscribers' transactions for the app's open screens: every replica hears every signature event
 * (its own consumer group) and passes each one to the streams of that event's subscriber.
 */
@ApplicationScoped
public class TransactionStream {

    /** Keeps idle connections open through proxies that cut silent ones. */
    private static final Duration HEARTBEAT = Duration.ofSeconds(15);

    /**
     * @param change {@code REQUESTED}, {@code SIGNED}, {@code REJECTED}, {@code EXPIRED}, or {@code HEARTBEAT}
     *     (no transaction)
     */
    public record Change(String change, UUID transactionId, Instant at) {
    }

    record Routed(UUID accountId, Change change) {
    }

    private final BroadcastProcessor<Routed> routed = BroadcastProcessor.create();

    public void publish(UUID accountId, String change, UUID transactionId, Instant at) {
        routed.onNext(new Routed(accountId, new Change(change, transactionId, at)));
    }

    /** This subscriber's changes from now on, with a heartbeat; ends when the client goes away. */
    public Multi<Change> of(UUID accountId) {
        Multi<Change> mine = routed.filter(r -> accountId.equals(r.accountId())).map(Routed::change);
        Multi<Change> heartbeat = Multi.createFrom().ticks().every(HEARTBEAT)
                .map(tick -> new Change("HEARTBEAT", null, Instant.now()));
        return Multi.createBy().merging().streams(mine, heartbeat);
    }
}
