package vn.kyso.signing.credential.repository;

import java.util.List;
import java.util.UUID;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import vn.kyso.signing.credential.model.DeviceRecovery;
import vn.kyso.signing.credential.model.RecoveryStatus;

/** Lost-device recoveries. */
@ApplicationScoped
@WithSession
public class DeviceRecoveryRepository implements PanacheRepositoryBase<DeviceRecovery, UUID> {

    private static final List<RecoveryStatus> OPEN = List.of(RecoveryStatus.REQUESTED, RecoveryStatus.APPROVED);

    /** The credential's open recovery, row-locked, so code attempts are counted one after the other. */
    public Uni<DeviceRecovery> lockOpen(UUID credentialId, UUID accountId) {
        return find("credentialId = ?1 and accountId = ?2 and status in ?3", credentialId, accountId, OPEN)
                .withLock(LockModeType.PESSIMISTIC_WRITE).firstResult();
    }

    public Uni<DeviceRecovery> lock(UUID id) {
        return findById(id, LockModeType.PESSIMISTIC_WRITE);
    }

    /** The credential's latest recovery, open or not. */
    public Uni<DeviceRecovery> latest(UUID credentialId, UUID accountId) {
        return find("credentialId = ?1 and accountId = ?2", Sort.descending("requestedAt"), credentialId, accountId)
                .firstResult();
    }

    public Uni<List<DeviceRecovery>> byStatus(RecoveryStatus status) {
        return list("status", Sort.by("requestedAt"), status);
    }
}
