package vn.kyso.account.repository;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import vn.kyso.account.model.Operator;

/** Operator accounts. */
@ApplicationScoped
@WithSession
public class OperatorRepository implements PanacheRepositoryBase<Operator, UUID> {

    public Uni<Operator> findByUsername(String username) {
        return find("username", username).firstResult();
    }
}
