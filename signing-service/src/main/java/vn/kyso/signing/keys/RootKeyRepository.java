package vn.kyso.signing.keys;

import java.time.Instant;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import vn.kyso.commons.work.Blocking;
import vn.kyso.commons.db.NativeSelects;

/** The reference of the token's root key, made once for all replicas. */
@ApplicationScoped
@WithSession
public class RootKeyRepository implements PanacheRepositoryBase<RootKey, Short> {

    private static final long ROOT_KEY_LOCK = 0x6b79736f_726f6f74L;

    /**
     * The recorded reference, or the one {@code create} makes (blocking, on a worker) and that is recorded in the
     * same transaction; replicas starting together serialise on an advisory lock, so exactly one key is made.
     */
    public Uni<String> findOrCreate(Supplier<String> create) {
        return Panache.withTransaction(() -> Panache.getSession()
                .chain(s -> s.createNativeQuery("select pg_advisory_xact_lock(:key)")
                        .setParameter("key", NativeSelects.uncached(ROOT_KEY_LOCK))
                        .getSingleResult())
                .chain(ignored -> findById((short) 1))
                .chain(found -> found != null
                        ? Uni.createFrom().item(found.keyReference)
                        : Blocking.onWorker(create::get).chain(reference -> {
                            RootKey row = new RootKey();
                            row.id = 1;
                            row.keyReference = reference;
                            row.createdAt = Instant.now();
                            return persist(row).replaceWith(reference);
                        })));
    }
}
