package vn.kyso.commons.work;

import java.util.function.Supplier;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

/** Runs CPU-heavy work (password hashing) off the event loop and resumes on the caller's context for the session. */
public final class Blocking {

    private Blocking() {
    }

    public static <T> Uni<T> onWorker(Supplier<T> work) {
        Context caller = Vertx.currentContext();
        Uni<T> offloaded = Uni.createFrom().item(work).runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
        return caller == null ? offloaded : offloaded.emitOn(task -> caller.runOnContext(ignored -> task.run()));
    }
}
