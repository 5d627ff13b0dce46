package vn.kyso.ca.repository;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import vn.kyso.ca.model.CaAuthority;
import vn.kyso.ca.model.CaRole;

/** The CA hierarchy's keys and certificates. */
@ApplicationScoped
@WithSession
public class CaAuthorityRepository implements PanacheRepositoryBase<CaAuthority, CaRole> {
}
