package vn.kyso.commons.throttle;

import java.time.Duration;
import java.util.Optional;
import java.util.function.LongSupplier;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

/**
 * A request budget per key (a token bucket): up to {@code burst} requests at once, then one per {@code every}. Kept in
 * this replica's memory and bounded in size; with several replicas a source gets each replica's budget.
 */
public final class RequestBudget {

    private record Bucket(double tokens, long atNanos) {
    }

    private final int burst;
    private final long everyNanos;
    private final LongSupplier nanoTime;
    private final Cache<String, Bucket> buckets;

    /** With {@code nanoTime} a monotonic clock ({@code System::nanoTime}): budgets follow elapsed time, not the date. */
    public RequestBudget(int burst, Duration every, LongSupplier nanoTime) {
        this.burst = burst;
        this.everyNanos = Math.max(1, every.toNanos());
        this.nanoTime = nanoTime;
        // A bucket left alone long enough to be full again is the same as no bucket.
        this.buckets = Caffeine.newBuilder().maximumSize(100_000)
                .expireAfterAccess(every.multipliedBy(Math.max(1, burst)).plusSeconds(1)).build();
    }

    /** Takes one request from the key's budget: empty when it may go ahead, else how long until it may. */
    public Optional<Duration> take(String key) {
        long now = nanoTime.getAsLong();
        Duration[] wait = new Duration[1];
        buckets.asMap().compute(key, (k, bucket) -> {
            double tokens = bucket == null ? burst
                    : Math.min(burst, bucket.tokens() + (double) Math.max(0, now - bucket.atNanos()) / everyNanos);
            if (tokens >= 1) {
                return new Bucket(tokens - 1, now);
            }
            wait[0] = Duration.ofNanos((long) Math.ceil((1 - tokens) * everyNanos));
            return new Bucket(tokens, now);
        });
        return Optional.ofNullable(wait[0]);
    }
}
