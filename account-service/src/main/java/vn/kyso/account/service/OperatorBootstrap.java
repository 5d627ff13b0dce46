package vn.kyso.account.service;

import java.time.Instant;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import vn.kyso.account.config.AccountConfig;
import vn.kyso.account.crypto.PasswordHasher;
import vn.kyso.account.model.Operator;
import vn.kyso.account.repository.OperatorRepository;

/** Creates the configured operator at start-up, or re-hashes its password when the configured one changed. */
@ApplicationScoped
public class OperatorBootstrap {

    private static final Logger LOG = Logger.getLogger(OperatorBootstrap.class);

    private final OperatorRepository operators;
    private final PasswordHasher hasher;
    private final AccountConfig config;

    public OperatorBootstrap(OperatorRepository operators, PasswordHasher hasher, AccountConfig config) {
        this.operators = operators;
        this.hasher = hasher;
        this.config = config;
    }

    void onStart(@Observes StartupEvent event) throws Throwable {
        if (config.operator().password().isEmpty()) {
            LOG.warn("kyso.account.operator.password is not set: no operator account bootstrapped");
            return;
        }
        String username = config.operator().username();
        String password = config.operator().password().get();
        VertxContextSupport.subscribeAndAwait(() -> Panache.withTransaction(() -> operators.findByUsername(username)
                .chain(existing -> {
                    if (existing == null) {
                        Operator operator = new Operator();
                        operator.id = UUID.randomUUID();
                        operator.username = username;
                        operator.passwordHash = hasher.hash(password);
                        operator.createdAt = Instant.now();
                        LOG.infof("Bootstrapped operator '%s'", username);
                        return operators.persist(operator).replaceWithVoid();
                    }
                    if (!hasher.verify(password, existing.passwordHash)) {
                        existing.passwordHash = hasher.hash(password);
                        LOG.infof("Operator '%s' password rotated from configuration", username);
                    }
                    return Uni.createFrom().voidItem();
                })));
    }
}
