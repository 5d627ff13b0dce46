package vn.kyso.events.activation;

import java.time.Instant;
import java.util.UUID;

/** The subscriber finished the activation wizard (acceptance record signed); the account may become active. */
public record ActivationCompleted(UUID activationId, UUID accountId, Instant completedAt) {
}
