package vn.kyso.commons.outbox;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Settings of the outbox relay. */
@ConfigMapping(prefix = "kyso.outbox")
public interface OutboxConfig {

    /** Whether this replica runs the relay at all. */
    @WithDefault("true")
    boolean enabled();

    /** How often the relay looks for rows nobody woke it for (rows written by other replicas, retries); at least 1s. */
    @WithDefault("1s")
    Duration pollInterval();

    /** Most events published in one transaction. */
    @WithDefault("100")
    int batchSize();
}
