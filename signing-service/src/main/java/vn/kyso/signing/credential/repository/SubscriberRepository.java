package vn.kyso.signing.credential.repository;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import vn.kyso.signing.credential.model.Subscriber;

/** The subscriber identity read model. */
@ApplicationScoped
@WithSession
public class SubscriberRepository implements PanacheRepositoryBase<Subscriber, UUID> {

    public Uni<List<Subscriber>> byIdentifier(String identifier) {
        return list("identifier", identifier);
    }
}
