package vn.kyso.activation.repository;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import vn.kyso.activation.model.Activation;

/** Activations. */
@ApplicationScoped
@WithSession
public class ActivationRepository implements PanacheRepositoryBase<Activation, UUID> {

    public Uni<Activation> findByAccount(UUID accountId) {
        return find("accountId", accountId).firstResult();
    }

    public Uni<Activation> findByIdentifier(String identifier) {
        return find("identifier", identifier).firstResult();
    }
}
