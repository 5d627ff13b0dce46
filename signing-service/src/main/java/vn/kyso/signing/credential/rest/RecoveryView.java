package vn.kyso.signing.credential.rest;

import java.time.Instant;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;

import vn.kyso.signing.credential.model.DeviceRecovery;

/**
 * A lost-device recovery: the subscriber sees where it stands; an operator also sees who asks, what they said and who
 * decided. Nobody sees the code.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RecoveryView(UUID recoveryId, UUID credentialId, UUID accountId, String status, String reason,
        Instant requestedAt, Instant approvedAt, Instant codeExpiresAt, Integer failedAttempts, String decidedBy,
        String operatorNote, Instant closedAt) {

    /** No recovery was ever asked for the credential. */
    public static final RecoveryView NONE = new RecoveryView(null, null, null, "NONE", null, null, null, null, null,
            null, null, null);

    public static RecoveryView forSubscriber(DeviceRecovery r) {
        return new RecoveryView(r.id, r.credentialId, null, r.status.name(), r.reason, r.requestedAt, r.approvedAt,
                r.codeExpiresAt, r.failedAttempts, null, null, r.closedAt);
    }

    public static RecoveryView forOperator(DeviceRecovery r) {
        return new RecoveryView(r.id, r.credentialId, r.accountId, r.status.name(), r.reason, r.requestedAt,
                r.approvedAt, r.codeExpiresAt, r.failedAttempts, r.approvedBy, r.operatorNote, r.closedAt);
    }
}
