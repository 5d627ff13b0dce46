package vn.kyso.commons.delivery;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;

import org.jboss.logging.Logger;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import vn.kyso.commons.work.WakeableJob;

/**
 * The delivery queue: {@link #enqueue} in the transaction that owes a delivery; senders claim a due row and commit,
 * send outside any transaction, then record the outcome — retried with back-off, given up after the channel's
 * attempts. A sender that dies between the send and the record leaves the row to be claimed again when its lease
 * ends, and the resend carries the same id: receivers drop the copy by that idempotency key.
 */
@ApplicationScoped
public class DeliveryQueue {

    private static final Logger LOG = Logger.getLogger(DeliveryQueue.class);

    private final DeliveryRepository deliveries;
    private final Map<String, DeliveryChannel> channels;
    private final Map<String, List<WakeableJob>> senders;
    private final Clock clock;
    private final java.util.concurrent.atomic.AtomicInteger turn = new java.util.concurrent.atomic.AtomicInteger();

    public DeliveryQueue(DeliveryRepository deliveries, Instance<DeliveryChannel> channels, Vertx vertx, Clock clock) {
        this.deliveries = deliveries;
        this.clock = clock;
        this.channels = channels.stream().collect(Collectors.toMap(DeliveryChannel::name, Function.identity()));
        // One job per sender, each on its own context: concurrent reactive sessions must not share one.
        this.senders = this.channels.values().stream().collect(Collectors.toMap(DeliveryChannel::name,
                c -> IntStream.range(0, c.policy().senders()).mapToObj(i -> new WakeableJob(
                        "Delivery sender " + c.name() + " " + i, vertx, () -> drain(c))).toList()));
    }

    /** How soon a due delivery goes out against the others due on its channel. */
    public enum Urgency {
        /** Nobody is held up by it or put at risk by its delay: a welcome, a webhook, a routine notice. */
        ROUTINE(0),
        /**
         * Someone cannot go on without it (a code they are about to type in, a request waiting for approval) or must
         * learn of it now (a change to their account they may not have made): sent before any routine delivery.
         */
        URGENT(1);

        private final short rank;

        Urgency(int rank) {
            this.rank = (short) rank;
        }

        /** Stored with the row; the claim takes the highest first. */
        public short rank() {
            return rank;
        }
    }

    /** Inside the caller's transaction: a delivery owed on {@code channel}, due now. */
    public Uni<Delivery> enqueue(String channel, String reference, String destination, String payload) {
        return enqueue(channel, reference, destination, payload, clock.instant());
    }

    /** Inside the caller's transaction: a delivery owed on {@code channel}, due now, with its urgency. */
    public Uni<Delivery> enqueue(String channel, String reference, String destination, String payload,
            Urgency urgency) {
        return enqueue(channel, reference, destination, payload, clock.instant(), urgency);
    }

    /**
     * Inside the caller's transaction: a delivery owed on {@code channel}, due at {@code due} (until then it can
     * still be {@link #cancel cancelled}).
     */
    public Uni<Delivery> enqueue(String channel, String reference, String destination, String payload,
            Instant due) {
        return enqueue(channel, reference, destination, payload, due, Urgency.ROUTINE);
    }

    private Uni<Delivery> enqueue(String channel, String reference, String destination, String payload, Instant due,
            Urgency urgency) {
        if (!channels.containsKey(channel)) {
            throw new IllegalArgumentException("no delivery channel " + channel);
        }
        Delivery d = new Delivery();
        d.id = UUID.randomUUID();
        d.channel = channel;
        d.reference = reference;
        d.destination = destination;
        d.payload = payload;
        d.priority = urgency.rank();
        d.status = DeliveryStatus.PENDING;
        d.createdAt = clock.instant();
        d.nextAttemptAt = due;
        return deliveries.persist(d);
    }

    /** Withdraws a delivery that no sender has taken yet; answers whether it did (false: gone or going out). */
    public Uni<Boolean> cancel(String channel, String reference) {
        return Panache.withTransaction(() -> deliveries.update("status = ?1 where channel = ?2 and reference = ?3 "
                + "and status = ?4 and attempts = 0", DeliveryStatus.CANCELLED, channel, reference,
                DeliveryStatus.PENDING)).map(n -> n > 0);
    }

    /**
     * Sends what is due on {@code channel} now; call after a commit that enqueued. One sender per call, in turn: a
     * burst of commits spreads over the senders, and a commit that owed one delivery costs one claim, not one per
     * sender (the poll finds whatever a woken sender leaves).
     */
    public void wake(String channel) {
        List<WakeableJob> jobs = senders.getOrDefault(channel, List.of());
        if (!jobs.isEmpty()) {
            jobs.get(Math.floorMod(turn.getAndIncrement(), jobs.size())).wake();
        }
    }

    @Scheduled(every = "${kyso.delivery.poll-interval:1s}", delayed = "1s",
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void poll() {
        // One sender per channel looks (it drains all that is due): an idle queue costs one query a second.
        senders.keySet().forEach(this::wake);
    }

    void onShutdown(@Observes ShutdownEvent event) {
        senders.values().forEach(jobs -> jobs.forEach(WakeableJob::stop));
    }

    /** Sends the channel's due deliveries one after another until none is left. */
    Uni<Integer> drain(DeliveryChannel channel) {
        return dispatchOne(channel).chain(sent -> sent ? drain(channel).map(more -> more + 1)
                : Uni.createFrom().item(0));
    }

    private Uni<Boolean> dispatchOne(DeliveryChannel channel) {
        return Panache.withTransaction(() -> deliveries.claimDue(channel.name(), clock.instant(),
                        channel.policy().lease()))
                .chain(d -> d == null ? Uni.createFrom().item(false)
                        : send(channel, d).replaceWith(true));
    }

    private Uni<Void> send(DeliveryChannel channel, Delivery d) {
        return Uni.createFrom().deferred(() -> channel.send(d))
                .onItemOrFailure().transformToUni((ignored, failure) -> {
                    int attempts = d.attempts + 1;
                    if (failure == null) {
                        LOG.infof("delivery %s (%s, %s) taken after %d attempt(s)", d.id, d.channel, d.reference,
                                attempts);
                        Instant at = clock.instant();
                        return record(d, () -> deliveries.markSent(d.id, attempts, at));
                    }
                    String reason = reason(failure);
                    if (failure instanceof DeliveryChannel.Refused || attempts >= channel.policy().maxAttempts()) {
                        LOG.warnf("delivery %s (%s, %s) given up after %d attempt(s): %s", d.id, d.channel,
                                d.reference, attempts, reason);
                        return record(d, () -> deliveries.markFailed(d.id, attempts, reason));
                    }
                    Duration wait = channel.policy().initialBackoff().multipliedBy(1L << Math.min(attempts - 1, 20));
                    if (wait.compareTo(channel.policy().maxBackoff()) > 0) {
                        wait = channel.policy().maxBackoff();
                    }
                    LOG.infof("delivery %s (%s, %s) not taken (attempt %d: %s), retry in %s", d.id, d.channel,
                            d.reference, attempts, reason, wait);
                    Instant next = clock.instant().plus(wait);
                    return record(d, () -> deliveries.markRetry(d.id, attempts, next, reason));
                });
    }

    private static String reason(Throwable failure) {
        String reason = failure instanceof DeliveryChannel.Refused ? "refused: " + failure.getMessage()
                : failure.getMessage() == null ? failure.getClass().getSimpleName()
                : failure.getClass().getSimpleName() + ": " + failure.getMessage();
        return reason.length() > 500 ? reason.substring(0, 500) : reason;
    }

    /** Writes a send's outcome, waiting out a database outage: giving up would let the lease end in a second send. */
    private Uni<Void> record(Delivery d, Supplier<Uni<Integer>> update) {
        return Panache.withTransaction(update).replaceWithVoid()
                .onFailure().invoke(e -> LOG.warnf("outcome of delivery %s not recorded yet, retrying: %s", d.id, e))
                .onFailure().retry().withBackOff(Duration.ofMillis(200), Duration.ofSeconds(5)).indefinitely();
    }
}
