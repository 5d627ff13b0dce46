package vn.kyso.events.credential;

import java.time.Instant;
import java.util.UUID;

/**
 * A new device now stands for the subscriber's approval of a credential; the one before it can approve nothing.
 *
 * @param how {@code RECOVERY}: bound with an operator-approved recovery code after the old device was lost
 */
public record DeviceBound(
        UUID accountId,
        UUID credentialId,
        String deviceName,
        String how,
        Instant boundAt) {

    public static final String RECOVERY = "RECOVERY";
}
