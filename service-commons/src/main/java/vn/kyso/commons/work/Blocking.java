package vn.kyso.commons.work;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

/** Runs CPU-heavy work (password hashing) off the event loop and resumes on the caller's context for the session. */
public final class Blocking {

    private Blocking() {
    }

    static final int MEMORY_HARD_THREADS = Math.max(2, Runtime.getRuntime().availableProcessors());
    static final int MEMORY_HARD_QUEUE = 32 * MEMORY_HARD_THREADS;

    /**
     * Memory-hard work (Argon2id over 19 MiB per password or PIN) runs on one thread per core: it is CPU-bound, so
     * more threads buy no speed, only memory — 200 at once on the default worker pool would want 3.8 GB and end the
     * service with an OutOfMemoryError. The queue is bounded too: work queued behind more than a few seconds of hashing
     * would finish after its caller gave up and retried, and a burst would spend the CPU on abandoned hashes. Its
     * threads run at a lower CPU priority: under a burst of sign-ups the hashing would otherwise take the cores from
     * the consumers and senders that carry each subscriber's activation code to their inbox.
     */
    private static final ExecutorService MEMORY_HARD = new ThreadPoolExecutor(MEMORY_HARD_THREADS, MEMORY_HARD_THREADS,
            0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(MEMORY_HARD_QUEUE), task -> {
                Thread thread = new Thread(() -> {
                    BackgroundPriority.lowerCurrentThread();
                    task.run();
                }, "kyso-memory-hard");
                thread.setDaemon(true);
                return thread;
            });

    public static <T> Uni<T> onWorker(Supplier<T> work) {
        return on(work, Infrastructure.getDefaultWorkerPool());
    }

    /**
     * Like {@link #onWorker(Supplier)}, for work that derives a key or hash from a password or PIN; fails with
     * {@link ServiceBusyException} (a 503 with Retry-After) at once when the queue is full.
     */
    public static <T> Uni<T> memoryHard(Supplier<T> work) {
        Context caller = Vertx.currentContext();
        Uni<T> offloaded = Uni.createFrom().emitter(emitter -> {
            try {
                MEMORY_HARD.execute(() -> {
                    T result;
                    try {
                        result = work.get();
                    } catch (Throwable t) {
                        emitter.fail(t);
                        return;
                    }
                    emitter.complete(result);
                });
            } catch (RejectedExecutionException full) {
                emitter.fail(new ServiceBusyException());
            }
        });
        return caller == null ? offloaded : offloaded.emitOn(task -> caller.runOnContext(ignored -> task.run()));
    }

    private static <T> Uni<T> on(Supplier<T> work, Executor executor) {
        Context caller = Vertx.currentContext();
        Uni<T> offloaded = Uni.createFrom().item(work).runSubscriptionOn(executor);
        return caller == null ? offloaded : offloaded.emitOn(task -> caller.runOnContext(ignored -> task.run()));
    }
}
