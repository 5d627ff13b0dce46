package vn.kyso.ca.repository;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import vn.kyso.ca.model.CrlRecord;

/** Published CRLs. */
@ApplicationScoped
@WithSession
public class CrlRepository implements PanacheRepositoryBase<CrlRecord, Long> {

    public Uni<CrlRecord> latest() {
        return findAll(Sort.descending("number")).firstResult();
    }
}
