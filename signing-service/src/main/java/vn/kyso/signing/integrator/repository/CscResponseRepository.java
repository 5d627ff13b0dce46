package vn.kyso.signing.integrator.repository;

import java.time.Instant;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import vn.kyso.signing.integrator.model.CscResponse;

/** Asynchronous CSC answers by response id. */
@ApplicationScoped
@WithSession
public class CscResponseRepository implements PanacheRepositoryBase<CscResponse, UUID> {

    /** Removes the answers whose validity period ended. */
    public Uni<Long> deleteExpired(Instant now) {
        return delete("expiresAt < ?1", now);
    }
}
