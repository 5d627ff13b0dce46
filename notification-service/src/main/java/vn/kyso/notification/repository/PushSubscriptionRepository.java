package vn.kyso.notification.repository;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import vn.kyso.notification.model.PushSubscription;

/** Browsers' push subscriptions. */
@ApplicationScoped
@WithSession
public class PushSubscriptionRepository implements PanacheRepositoryBase<PushSubscription, UUID> {

    public Uni<PushSubscription> findByEndpoint(String endpoint) {
        return find("endpoint", endpoint).firstResult();
    }

    public Uni<List<PushSubscription>> ofAccount(UUID accountId) {
        return list("accountId = ?1 order by createdAt", accountId);
    }
}
