package vn.kyso.activation.repository;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import vn.kyso.activation.model.UnknownIdentifierAttempt;

/** Decoy bookkeeping for identifiers without an activation. */
@ApplicationScoped
@WithSession
public class UnknownIdentifierRepository implements PanacheRepositoryBase<UnknownIdentifierAttempt, String> {
}
