package vn.kyso.account.service;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import vn.kyso.account.config.AccountConfig;
import vn.kyso.account.crypto.PasswordHasher;
import vn.kyso.account.model.Operator;
import vn.kyso.account.repository.OperatorRepository;

/**
 * Creates the configured operator beside start-up, or re-hashes its password when the configured one changed; the
 * service is not ready, and no operator login is answered, until that is done.
 */
@ApplicationScoped
public class OperatorBootstrap {

    private static final Logger LOG = Logger.getLogger(OperatorBootstrap.class);
    /** Between attempts while the database cannot be reached. */
    private static final Duration RETRY = Duration.ofSeconds(2);
    /** The longest a login waits for the bootstrap. */
    private static final Duration LOGIN_WAIT = Duration.ofSeconds(10);

    private final OperatorRepository operators;
    private final PasswordHasher hasher;
    private final AccountConfig config;
    private final CompletableFuture<Void> done = new CompletableFuture<>();
    private volatile boolean stopping;

    public OperatorBootstrap(OperatorRepository operators, PasswordHasher hasher, AccountConfig config) {
        this.operators = operators;
        this.hasher = hasher;
        this.config = config;
    }

    /**
     * Start-up does not wait for it: an Argon2id run and two database round trips were over a second of a five-second
     * start, spent with the main thread parked.
     */
    void onStart(@Observes StartupEvent event) {
        if (config.operator().password().isEmpty()) {
            LOG.warn("kyso.account.operator.password is not set: no operator account bootstrapped");
            done.complete(null);
            return;
        }
        Infrastructure.getDefaultWorkerPool().execute(this::bootstrapUntilDone);
    }

    void onStop(@Observes ShutdownEvent event) {
        stopping = true;
    }

    /**
     * Completes (on the caller's Vert.x context) once the configured operator exists with the configured password, or
     * after {@link #LOGIN_WAIT} if the bootstrap is still retrying (the database is away: the caller then fails on its
     * own).
     */
    public Uni<Void> ready() {
        if (done.isDone()) {
            return Uni.createFrom().voidItem();
        }
        Context caller = Vertx.currentContext();
        Uni<Void> waited = Uni.createFrom().completionStage(done).ifNoItem().after(LOGIN_WAIT)
                .recoverWithItem((Void) null);
        return caller == null ? waited : waited.emitOn(task -> caller.runOnContext(ignored -> task.run()));
    }

    /** Whether the operator is in place (or none is configured). */
    public boolean done() {
        return done.isDone();
    }

    private void bootstrapUntilDone() {
        while (!stopping) {
            try {
                bootstrap();
                done.complete(null);
                return;
            } catch (Throwable e) {
                LOG.warnf("Operator bootstrap failed (%s); trying again in %d s", e.getClass().getSimpleName(),
                        RETRY.toSeconds());
                try {
                    Thread.sleep(RETRY.toMillis());
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    /** On a worker thread: the hashing runs here, the database work on a Vert.x context. */
    private void bootstrap() throws Throwable {
        String username = config.operator().username();
        String password = config.operator().password().get();
        Operator existing = VertxContextSupport.subscribeAndAwait(() -> Panache.withSession(
                () -> operators.findByUsername(username)));
        if (existing != null && hasher.verify(password, existing.passwordHash)) {
            return;
        }
        String hash = hasher.hash(password);
        VertxContextSupport.subscribeAndAwait(() -> Panache.withTransaction(() -> operators.findByUsername(username)
                .chain(current -> {
                    if (current == null) {
                        Operator operator = new Operator();
                        operator.id = UUID.randomUUID();
                        operator.username = username;
                        operator.passwordHash = hash;
                        operator.createdAt = Instant.now();
                        LOG.infof("Bootstrapped operator '%s'", username);
                        return operators.persist(operator).replaceWithVoid();
                    }
                    current.passwordHash = hash;
                    LOG.infof("Operator '%s' password rotated from configuration", username);
                    return Uni.createFrom().voidItem();
                })));
    }
}
