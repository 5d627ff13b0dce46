package vn.kyso.commons.throttle;

import java.time.Duration;

/** A caller went past its request budget or its failure back-off: 429 with {@code Retry-After}, nothing done. */
public final class Throttled extends RuntimeException {

    private final Duration retryAfter;

    public Throttled(Duration retryAfter) {
        super("Too many requests; try again in " + seconds(retryAfter) + " s", null, false, false);
        this.retryAfter = retryAfter;
    }

    public Duration retryAfter() {
        return retryAfter;
    }

    /** Whole seconds, rounded up and at least 1, as {@code Retry-After} carries them. */
    public long retryAfterSeconds() {
        return seconds(retryAfter);
    }

    private static long seconds(Duration d) {
        long s = (d.toMillis() + 999) / 1000;
        return Math.max(1, s);
    }
}
