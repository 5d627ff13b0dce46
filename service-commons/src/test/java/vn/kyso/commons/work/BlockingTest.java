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

    /** The kernel's own record of a thread's nice value (field 19 of its stat line), not what the code meant to set. */
    @Test
    void memoryHardWorkRunsAtALowerCpuPriorityThanItsCaller() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(System.getProperty("os.name").startsWith("Linux"),
                "thread priorities are set on Linux only");
        int caller = ownNice();
        int worker = Blocking.memoryHard(BlockingTest::ownNice).await().atMost(Duration.ofSeconds(5));
        assertEquals(Math.min(19, caller + BackgroundPriority.NICE), worker, "the hashing thread's nice value");
        assertEquals(caller, ownNice(), "the caller's own priority untouched");
    }

    private static int ownNice() {
        try {
            String stat = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/thread-self/stat"));
            // After the command name in parentheses come fields 3, 4, …: the nice value is field 19.
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Integer.parseInt(fields[19 - 3]);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
