package vn.kyso.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

/**
 * A rolling update's step, done locally: two instances of signing-service share the load; one is stopped the way
 * Kubernetes stops a pod (SIGTERM while the proxies still route to it for a moment) and not one request fails.
 */
class GracefulShutdownIT {

    static final int REPLICA = 8194 + KysoStack.OFFSET;
    static final String MAIN = "http://127.0.0.1:" + (8084 + KysoStack.OFFSET);
    /** Requests the emulated proxies still send a replica once it has taken SIGTERM (kube-proxy learns of it late). */
    static final int ROUTED_AFTER_SIGTERM = 40;
    /**
     * The configuration the cluster gives every service (deploy/k8s/base/*&#47;configmap.yaml); {@code
     * KYSO_TEST_SHUTDOWN_DELAY=0s} in the environment shows what happens without it (docs/reliability.md).
     */
    static final String SHUTDOWN_DELAY = System.getenv().getOrDefault("KYSO_TEST_SHUTDOWN_DELAY", "3s");
    static final int CLIENTS = 6;

    @Test
    void stoppingOneOfTwoReplicasUnderLoadFailsNoRequest() throws Exception {
        KysoStack stack = KysoStack.shared();
        stack.replica("signing-service", REPLICA, Map.of("KYSO_SHUTDOWN_DELAY", SHUTDOWN_DELAY));
        String replica = "http://127.0.0.1:" + REPLICA;
        String user = Api.newIdentifier();
        KysoStack.Integrator sp = stack.registerIntegrator("Graceful " + user, user);
        String body = "{\"sp_id\":\"" + sp.id() + "\",\"sp_password\":\"" + sp.password() + "\",\"user_id\":\"" + user
                + "\",\"serial_number\":\"\",\"transaction_id\":\"graceful\"}";

        // The Service's endpoints as the proxies see them; requests go round-robin over them.
        List<String> endpoints = new CopyOnWriteArrayList<>(List.of(MAIN, replica));
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicBoolean terminating = new AtomicBoolean(false);
        AtomicInteger sent = new AtomicInteger();
        AtomicInteger toReplica = new AtomicInteger();
        AtomicInteger toReplicaWhileTerminating = new AtomicInteger();
        ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
        AtomicInteger next = new AtomicInteger();
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        for (int c = 0; c < CLIENTS; c++) {
            clients.submit(() -> {
                while (running.get()) {
                    List<String> now = List.copyOf(endpoints);
                    String target = now.get(Math.floorMod(next.getAndIncrement(), now.size()));
                    boolean duringShutdown = terminating.get();
                    // Many integrators' servers, as the ingress forwards them: each request its own source, so the
                    // per-source budgets (another test's subject) never answer 429 here.
                    int n = sent.get();
                    String source = "198.18." + (n >> 8 & 255) + "." + (n & 255);
                    try {
                        HttpResponse<String> answer = Api.HTTP.send(HttpRequest.newBuilder(URI.create(target
                                + "/sca/sp769/v1/credentials/get_certificate")).timeout(Duration.ofSeconds(30))
                                .header("Content-Type", "application/json").header("X-Forwarded-For", source)
                                .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                                HttpResponse.BodyHandlers.ofString());
                        if (answer.statusCode() != 200) {
                            failures.add(target + " " + answer.statusCode() + " " + answer.body());
                        }
                    } catch (Exception e) {
                        failures.add(target + " " + e);
                    }
                    sent.incrementAndGet();
                    if (target.equals(replica)) {
                        toReplica.incrementAndGet();
                        if (duringShutdown) {
                            toReplicaWhileTerminating.incrementAndGet();
                        }
                    }
                }
                return null;
            });
        }
        try {
            Api.await(() -> toReplica.get(), n -> n >= 50, "the replica takes its share of the load");
            // Kubernetes: the pod is marked terminating and gets SIGTERM; its endpoint leaves the proxies a moment later.
            CompletableFuture<Void> stop = CompletableFuture.runAsync(() -> {
                try {
                    stack.stop("signing-service@" + REPLICA);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            terminating.set(true);
            // The proxies learn of it late: keep routing to the replica until it has taken SIGTERM (its readiness is
            // no longer UP) and a good number of requests have still reached it after that, then drop it.
            String readiness = "http://127.0.0.1:" + (REPLICA + KysoStack.MANAGEMENT_SHIFT) + "/q/health/ready";
            Api.await(() -> {
                try {
                    return Api.send("GET", readiness, null, null, null).statusCode();
                } catch (java.io.IOException refused) {
                    return 0;
                }
            }, status -> status != 200, "the replica reports not ready after SIGTERM");
            int atSigterm = toReplicaWhileTerminating.get();
            Api.await(() -> toReplicaWhileTerminating.get(), n -> n >= atSigterm + ROUTED_AFTER_SIGTERM,
                    "requests still reach the terminating replica");
            endpoints.remove(replica);
            stop.get(60, TimeUnit.SECONDS);
            int afterStop = sent.get();
            Api.await(() -> sent.get(), n -> n >= afterStop + 50, "the remaining instance carries the load");
        } finally {
            running.set(false);
            clients.shutdown();
            assertTrue(clients.awaitTermination(60, TimeUnit.SECONDS));
        }
        List<String> failed = new ArrayList<>(failures);
        System.out.printf("GracefulShutdownIT: %d requests, %d to the replica, %d of them after its SIGTERM; %d failed%n",
                sent.get(), toReplica.get(), toReplicaWhileTerminating.get(), failed.size());
        assertTrue(toReplicaWhileTerminating.get() > 0, "requests reached the replica while it was terminating");
        assertEquals(List.of(), failed.subList(0, Math.min(10, failed.size())), failed.size() + " failed requests");
    }
}
