package vn.kyso.commons.work;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

class BlockingTest {

    @Test
    void memoryHardWorkBeyondTheThreadsAndTheQueueIsRefusedAtOnceAsBusy() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger running = new AtomicInteger();
        AtomicInteger mostAtOnce = new AtomicInteger();
        int capacity = Blocking.MEMORY_HARD_THREADS + Blocking.MEMORY_HARD_QUEUE;
        List<CompletableFuture<Integer>> accepted = new ArrayList<>();
        for (int i = 0; i < capacity; i++) {
            accepted.add(Blocking.memoryHard(() -> {
                mostAtOnce.accumulateAndGet(running.incrementAndGet(), Math::max);
                try {
                    release.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                running.decrementAndGet();
                return 1;
            }).subscribeAsCompletionStage());
        }
        CompletableFuture<Integer> refused = Blocking.memoryHard(() -> 1).subscribeAsCompletionStage();
        ExecutionException busy = org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class,
                () -> refused.get(5, TimeUnit.SECONDS));
        assertInstanceOf(ServiceBusyException.class, busy.getCause());

        release.countDown();
        int done = 0;
        for (CompletableFuture<Integer> f : accepted) {
            done += f.get(Duration.ofSeconds(30).toSeconds(), TimeUnit.SECONDS);
        }
        assertEquals(capacity, done, "everything queued within the bound ran");
        assertTrue(mostAtOnce.get() <= Blocking.MEMORY_HARD_THREADS, "at most one hash per thread at once");
        assertEquals(7, Blocking.memoryHard(() -> 7).await().atMost(Duration.ofSeconds(5)), "accepts again");
    }
}
