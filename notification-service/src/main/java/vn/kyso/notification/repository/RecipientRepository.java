package vn.kyso.notification.repository;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import vn.kyso.notification.model.Recipient;

/** Mail recipients by account. */
@ApplicationScoped
@WithSession
public class RecipientRepository implements PanacheRepositoryBase<Recipient, UUID> {
}
