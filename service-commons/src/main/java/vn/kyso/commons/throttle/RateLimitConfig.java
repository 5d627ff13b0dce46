package vn.kyso.commons.throttle;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Request budgets per source on the endpoints that check secrets (login, activation, integrator credentials). */
@ConfigMapping(prefix = "kyso.rate-limits")
public interface RateLimitConfig {

    /** Whether budgets apply; only benchmarks that drive a whole service from one machine turn them off. */
    @WithDefault("true")
    boolean enabled();

    /** The budgets, by name; a request is counted against every rule whose path prefix and method it matches. */
    Map<String, Rule> rules();

    /** One budget: {@code burst} requests at once per source, then one every {@code every}. */
    interface Rule {

        /** Paths this budget covers (prefixes, e.g. {@code /api/v1/auth/token}). */
        List<String> paths();

        /** Methods it counts. */
        @WithDefault("POST")
        List<String> methods();

        /** Requests a source may make at once. */
        int burst();

        /** How often one more request is allowed after the burst. */
        Duration every();
    }
}
