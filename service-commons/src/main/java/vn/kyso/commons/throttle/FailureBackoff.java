package vn.kyso.commons.throttle;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

/**
 * Back-off after repeated failures of one key (a source and what it tried): the {@code free}-th failure in a row
 * imposes a wait of {@code base}, each further one doubles it up to {@code max}; a success forgets the key. Kept in
 * this replica's memory, bounded in size, so a flood of keys cannot exhaust the heap.
 */
public final class FailureBackoff {

    private record State(int failures, Instant blockedUntil) {
    }

    private final int free;
    private final Duration base;
    private final Duration max;
    private final Clock clock;
    private final Cache<String, State> states;

    public FailureBackoff(int free, Duration base, Duration max, Clock clock) {
        this.free = free;
        this.base = base;
        this.max = max;
        this.clock = clock;
        // Forgotten a while after the longest wait: the next failure starts the count again.
        this.states = Caffeine.newBuilder().maximumSize(100_000).expireAfterWrite(max.multipliedBy(4)).build();
    }

    /** How long the key must still wait before it may try again; empty when it may try now. */
    public Optional<Duration> waitFor(String key) {
        State state = states.getIfPresent(key);
        if (state == null || state.blockedUntil() == null) {
            return Optional.empty();
        }
        Duration left = Duration.between(clock.instant(), state.blockedUntil());
        return left.isNegative() || left.isZero() ? Optional.empty() : Optional.of(left);
    }

    /** Counts a failure; answers how long the key must now wait (empty while its free failures last). */
    public Optional<Duration> failed(String key) {
        State next = states.asMap().compute(key, (k, state) -> {
            int failures = state == null ? 1 : state.failures() + 1;
            if (failures < free) {
                return new State(failures, null);
            }
            int doublings = Math.min(failures - free, 30);
            Duration wait = base.multipliedBy(1L << doublings);
            return new State(failures, clock.instant().plus(wait.compareTo(max) > 0 ? max : wait));
        });
        return next.blockedUntil() == null ? Optional.empty()
                : Optional.of(Duration.between(clock.instant(), next.blockedUntil()));
    }

    /** The key got it right: its failures are forgotten. */
    public void succeeded(String key) {
        states.invalidate(key);
    }
}
