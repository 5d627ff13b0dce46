package vn.kyso.commons.throttle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Optional;

import org.junit.jupiter.api.Test;


class ThrottleTest {

    /** Time that moves only when the test says so, so waits compare exactly. */
    static final class StoppedClock extends java.time.Clock {

        private java.time.Instant now = java.time.Instant.parse("2026-12-04T00:00:00Z");

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public java.time.ZoneId getZone() {
            return java.time.ZoneOffset.UTC;
        }

        @Override
        public java.time.Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public java.time.Instant instant() {
            return now;
        }
    }

    @Test
    void theFifthFailureImposesAWaitThatDoublesUpToTheCapAndASuccessForgetsIt() {
        StoppedClock clock = new StoppedClock();
        FailureBackoff backoff = new FailureBackoff(5, Duration.ofSeconds(30), Duration.ofMinutes(2), clock);
        for (int i = 1; i <= 4; i++) {
            assertEquals(Optional.empty(), backoff.failed("a"), "failure " + i + " is free");
        }
        assertEquals(Optional.of(Duration.ofSeconds(30)), backoff.failed("a"));
        assertEquals(Optional.of(Duration.ofSeconds(30)), backoff.waitFor("a"));
        assertEquals(Optional.empty(), backoff.waitFor("b"), "other keys are not affected");
        clock.advance(Duration.ofSeconds(30));
        assertEquals(Optional.empty(), backoff.waitFor("a"));
        assertEquals(Optional.of(Duration.ofSeconds(60)), backoff.failed("a"));
        assertEquals(Optional.of(Duration.ofSeconds(120)), backoff.failed("a"));
        assertEquals(Optional.of(Duration.ofSeconds(120)), backoff.failed("a"), "capped");
        backoff.succeeded("a");
        assertEquals(Optional.empty(), backoff.waitFor("a"));
        assertEquals(Optional.empty(), backoff.failed("a"), "the count starts again");
    }

    @Test
    void aBudgetAllowsItsBurstThenOneRequestPerPeriodPerKey() {
        long[] nanos = {0};
        RequestBudget budget = new RequestBudget(3, Duration.ofSeconds(2), () -> nanos[0]);
        for (int i = 0; i < 3; i++) {
            assertEquals(Optional.empty(), budget.take("x"));
        }
        Optional<Duration> wait = budget.take("x");
        assertTrue(wait.isPresent() && wait.get().compareTo(Duration.ofSeconds(2)) <= 0
                && wait.get().compareTo(Duration.ZERO) > 0, String.valueOf(wait));
        assertEquals(Optional.empty(), budget.take("y"), "each source has its own budget");
        nanos[0] += Duration.ofSeconds(2).toNanos();
        assertEquals(Optional.empty(), budget.take("x"));
        assertTrue(budget.take("x").isPresent());
        assertEquals(3, new Throttled(Duration.ofMillis(2001)).retryAfterSeconds());
        assertEquals(1, new Throttled(Duration.ofMillis(1)).retryAfterSeconds());
    }
}
