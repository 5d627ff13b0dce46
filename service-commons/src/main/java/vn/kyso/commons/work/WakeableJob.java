package vn.kyso.commons.work;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

import org.jboss.logging.Logger;

import io.quarkus.vertx.core.runtime.context.VertxContextSafetyToggle;
import io.smallrye.common.vertx.VertxContext;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

/**
 * A background job (outbox relay, mail dispatcher) that runs at most once at a time in this replica and can be woken
 * right after a commit instead of waiting for its poll; a wake during a run causes exactly one more run.
 */
public final class WakeableJob {

    private static final Logger LOG = Logger.getLogger(WakeableJob.class);

    private final String name;
    private final Vertx vertx;
    private final Supplier<Uni<?>> run;
    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicBoolean again = new AtomicBoolean();
    private volatile boolean stopped;

    public WakeableJob(String name, Vertx vertx, Supplier<Uni<?>> run) {
        this.name = name;
        this.vertx = vertx;
        this.run = run;
    }

    public void wake() {
        if (stopped) {
            return;
        }
        if (!running.compareAndSet(false, true)) {
            again.set(true);
            return;
        }
        // A fresh, isolated duplicated context: the job's reactive session must not mix with the caller's.
        Context context = VertxContext.createNewDuplicatedContext(vertx.getOrCreateContext());
        VertxContextSafetyToggle.setContextSafe(context, true);
        context.runOnContext(ignored -> {
            Uni<?> work;
            try {
                work = run.get();
            } catch (RuntimeException e) {
                work = Uni.createFrom().failure(e);
            }
            work.subscribe().with(done -> finished(), e -> {
                LOG.warnf("%s run failed, will retry: %s", name, e.toString());
                finished();
            });
        });
    }

    /** No further runs: called at shutdown, before the connection pools close under a running job. */
    public void stop() {
        stopped = true;
    }

    private void finished() {
        running.set(false);
        if (again.getAndSet(false)) {
            wake();
        }
    }
}
