package vn.kyso.ca.service;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready only once the CA hierarchy's keys are open. */
@Readiness
@ApplicationScoped
public class CaKeysHealth implements HealthCheck {

    private final CaKeys keys;

    public CaKeysHealth(CaKeys keys) {
        this.keys = keys;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("ca-keys").status(keys.loaded()).build();
    }
}
