package vn.kyso.notification.repository;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import vn.kyso.notification.model.WatchedCertificate;

/** Certificates whose expiry is announced. */
@ApplicationScoped
@WithSession
public class WatchedCertificateRepository implements PanacheRepositoryBase<WatchedCertificate, String> {

    /** Live certificates expiring within {@code horizon} of {@code now}, soonest first. */
    public Uni<List<WatchedCertificate>> expiringWithin(Instant now, Duration horizon, int limit) {
        return find("ended = false and notAfter > ?1 and notAfter <= ?2 order by notAfter", now, now.plus(horizon))
                .page(0, limit).list();
    }
}
