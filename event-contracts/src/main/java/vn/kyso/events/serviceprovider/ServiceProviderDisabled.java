package vn.kyso.events.serviceprovider;

import java.time.Instant;
import java.util.UUID;

/** An SP was disabled by an operator; its calls must be refused from now on. */
public record ServiceProviderDisabled(UUID spId, Instant disabledAt) {
}
