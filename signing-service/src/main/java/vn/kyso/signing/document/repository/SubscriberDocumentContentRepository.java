package vn.kyso.signing.document.repository;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import vn.kyso.signing.document.model.SubscriberDocumentContent;

/** The bytes of subscribers' documents, loaded only to draw, sign or download them. */
@ApplicationScoped
@WithSession
public class SubscriberDocumentContentRepository
        implements PanacheRepositoryBase<SubscriberDocumentContent, UUID> {
}
