package vn.kyso.signing.integrator.repository;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import vn.kyso.signing.integrator.model.ServiceProvider;

/** The SP read model. */
@ApplicationScoped
@WithSession
public class ServiceProviderRepository implements PanacheRepositoryBase<ServiceProvider, UUID> {
}
