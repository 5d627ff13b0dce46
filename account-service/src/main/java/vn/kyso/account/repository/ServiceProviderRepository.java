package vn.kyso.account.repository;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import vn.kyso.account.model.ServiceProvider;

/** Registered integrators. */
@ApplicationScoped
@WithSession
public class ServiceProviderRepository implements PanacheRepositoryBase<ServiceProvider, UUID> {
}
