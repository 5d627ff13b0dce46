package vn.kyso.notification.repository;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import vn.kyso.notification.model.NotificationPreference;

/** Subscribers' channel choices. */
@ApplicationScoped
@WithSession
public class PreferenceRepository implements PanacheRepositoryBase<NotificationPreference, NotificationPreference.Key> {

    public Uni<List<NotificationPreference>> ofAccount(UUID accountId) {
        return list("accountId", accountId);
    }
}
