package vn.kyso.events.account;

import java.time.Instant;
import java.util.UUID;

/** A subscriber account became {@code ACTIVE}: it may now be asked to sign. */
public record AccountActivated(UUID accountId, String identifier, Instant activatedAt) {
}
