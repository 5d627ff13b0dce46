package vn.kyso.account.service;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready only once the configured operator is in place: before that an operator login would wait. */
@Readiness
@ApplicationScoped
public class OperatorBootstrapHealth implements HealthCheck {

    private final OperatorBootstrap bootstrap;

    public OperatorBootstrapHealth(OperatorBootstrap bootstrap) {
        this.bootstrap = bootstrap;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("operator-bootstrap").status(bootstrap.done()).build();
    }
}
