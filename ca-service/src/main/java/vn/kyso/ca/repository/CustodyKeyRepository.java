package vn.kyso.ca.repository;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import vn.kyso.ca.model.CustodyKey;

/** The keys signing-service announced as held in its custody. */
@ApplicationScoped
@WithSession
public class CustodyKeyRepository implements PanacheRepositoryBase<CustodyKey, CustodyKey.Id> {
}
