package vn.kyso.signing.credential.repository;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import vn.kyso.signing.credential.model.DeviceChallenge;

/** Device challenges. */
@ApplicationScoped
@WithSession
public class DeviceChallengeRepository implements PanacheRepositoryBase<DeviceChallenge, String> {

    /**
     * Marks the challenge used if it is live and was issued for this credential and purpose; true exactly once.
     */
    public Uni<Boolean> consume(String challenge, java.util.UUID credentialId, String purpose, Instant now) {
        return update("usedAt = ?1 where challenge = ?2 and credentialId = ?3 and purpose = ?4 and usedAt is null "
                + "and expiresAt > ?1", now, challenge, credentialId, purpose).map(n -> n == 1);
    }

    /** The same for a challenge issued to the account before any credential exists (passkey registration). */
    public Uni<Boolean> consumeRegistration(String challenge, java.util.UUID accountId, String purpose, Instant now) {
        return update("usedAt = ?1 where challenge = ?2 and credentialId is null and accountId = ?3 and purpose = ?4 "
                + "and usedAt is null and expiresAt > ?1", now, challenge, accountId, purpose).map(n -> n == 1);
    }

    public Uni<Long> purgeExpired(Instant before) {
        return delete("expiresAt < ?1", before);
    }
}
