package vn.kyso.ca.repository;

import java.time.Instant;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import vn.kyso.ca.model.CustodyKey;

/** The keys signing-service announced as held in its custody. */
@ApplicationScoped
@WithSession
public class CustodyKeyRepository implements PanacheRepositoryBase<CustodyKey, CustodyKey.Id> {

    /** Records an announced key once: a repeated announcement (a replay, a re-sent event) changes nothing. */
    public Uni<Void> recordOnce(UUID credentialId, String publicKeySha256, UUID accountId, Instant announcedAt) {
        return getSession().chain(s -> s.createNativeQuery("insert into custody_key (credential_id, "
                        + "public_key_sha256, account_id, announced_at) values (:credential, :key, :account, :at) "
                        + "on conflict do nothing")
                .setParameter("credential", credentialId).setParameter("key", publicKeySha256)
                .setParameter("account", accountId).setParameter("at", announcedAt).executeUpdate())
                .replaceWithVoid();
    }
}
