package vn.kyso.signing.repository;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import vn.kyso.signing.model.WebhookDelivery;

/** Webhook deliveries; due ones are locked so replicas never send one twice at once. */
@ApplicationScoped
@WithSession
public class WebhookDeliveryRepository implements PanacheRepositoryBase<WebhookDelivery, UUID> {

    public Uni<List<WebhookDelivery>> lockDue(Instant now, int limit) {
        return getSession().chain(s -> s.createNativeQuery("select * from webhook_delivery where status = 'PENDING' "
                        + "and next_attempt_at <= :now order by next_attempt_at limit :limit for update skip locked",
                        WebhookDelivery.class)
                .setParameter("now", now).setParameter("limit", limit).getResultList());
    }
}
