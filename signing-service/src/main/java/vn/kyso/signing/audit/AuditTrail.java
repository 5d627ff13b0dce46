package vn.kyso.signing.audit;

import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import vn.kyso.commons.audit.AuditLog;

/**
 * signing-service's entries in the anchored audit trail ({@code vn.kyso.commons.audit}): what happened to a
 * credential or a transaction, and for which account, in the transaction of the change.
 */
@ApplicationScoped
public class AuditTrail {

    private final AuditLog log;

    public AuditTrail(AuditLog log) {
        this.log = log;
    }

    /** Runs inside the caller's transaction. {@code detail} is serialised as JSON and must hold no secret. */
    public Uni<Void> record(String eventType, Object aggregateId, UUID accountId, Map<String, ?> detail) {
        return log.append(eventType, aggregateId.toString(), accountId == null ? null : accountId.toString(), detail);
    }
}
