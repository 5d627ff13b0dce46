package vn.kyso.signing.repository;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import vn.kyso.signing.model.AuditEntry;

/** The audit trail. */
@ApplicationScoped
@WithSession
public class AuditRepository implements PanacheRepositoryBase<AuditEntry, Long> {

    /** Appends serialise on this lock, so each row links to the one committed before it. */
    private static final long AUDIT_LOCK = 0x6b79736f_61756431L;

    public Uni<AuditEntry> lockAndLast() {
        return getSession().chain(s -> s.createNativeQuery("select pg_advisory_xact_lock(:key)")
                        .setParameter("key", AUDIT_LOCK).getSingleResult())
                .chain(ignored -> findAll(Sort.descending("seq")).firstResult());
    }

    public Uni<List<AuditEntry>> page(long afterSeq, int size) {
        return find("seq > ?1", Sort.by("seq"), afterSeq).page(0, size).list();
    }
}
