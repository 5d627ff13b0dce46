package vn.kyso.signing.integrator.repository;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import vn.kyso.signing.integrator.model.OAuthAuthorization;

/** OAuth 2.0 authorizations by id, code or refresh token (the last two by SHA-256). */
@ApplicationScoped
@WithSession
public class OAuthAuthorizationRepository implements PanacheRepositoryBase<OAuthAuthorization, UUID> {

    public Uni<OAuthAuthorization> byCode(String codeSha256) {
        return find("codeSha256", codeSha256).withLock(LockModeType.PESSIMISTIC_WRITE).firstResult();
    }

    public Uni<OAuthAuthorization> byRefreshToken(String refreshSha256) {
        return find("refreshSha256", refreshSha256).withLock(LockModeType.PESSIMISTIC_WRITE).firstResult();
    }

    public Uni<Long> deleteExpired(java.time.Instant now) {
        return delete("expiresAt < ?1", now);
    }
}
