package vn.kyso.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Isolated;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;

import vn.kyso.events.EventTypes;
import vn.kyso.events.Topics;

/**
 * Two instances of signing-service and of notification-service at once, on the same databases and consumer groups:
 * their scheduled jobs (expiry, webhooks, mail dispatch) and consumers must still do everything exactly once.
 */
// Its exactly-once check waits for the whole stack to settle (two equal snapshots), which other suites' work would
// put off until they end.
@Isolated
class ReplicasIT {

    static final int SIGNING_REPLICA = 8184 + KysoStack.OFFSET;
    static final int NOTIFICATION_REPLICA = 8185 + KysoStack.OFFSET;

    @Test
    void withTwoReplicasNothingExpiresTwiceNoWebhookOrMailIsSentTwice() throws Exception {
        KysoStack stack = KysoStack.shared();
        stack.replica("signing-service", SIGNING_REPLICA);
        stack.replica("notification-service", NOTIFICATION_REPLICA);
        String replica = "http://127.0.0.1:" + SIGNING_REPLICA;

        // The integrator's webhook endpoint, counting what arrives per transaction.
        Map<String, AtomicInteger> webhooks = new ConcurrentHashMap<>();
        HttpServer hook = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        hook.createContext("/hook", exchange -> {
            JsonNode body = Api.JSON.readTree(exchange.getRequestBody().readAllBytes());
            webhooks.computeIfAbsent(body.path("transaction_id").asText(), k -> new AtomicInteger()).incrementAndGet();
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        hook.start();
        try {
            Api.Subscriber dung = Api.activate(stack, "Trịnh Văn Dũng");
            KysoStack.Integrator sp = stack.registerIntegrator("Replica " + dung.identifier(), dung.identifier(),
                    "http://127.0.0.1:" + hook.getAddress().getPort() + "/hook");
            // Short requests that will expire while both replicas run their expiry job.
            List<String> expiring = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                expiring.add(stack.shortTransaction(dung.accountId(), 30));
            }
            // Integrator requests approved through either replica; both run the webhook job.
            List<String> signed = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                String ref = "REPLICA-" + i + "-" + dung.identifier();
                String tran = Api.JSON.readTree(stack.sp769Sign(sp, dung.identifier(), ref,
                        HexFormat.of().formatHex(new byte[32]))).at("/data/tran_code").asText();
                Api.ok(i % 2 == 0 ? dung.confirm(tran) : confirmAt(replica, dung, tran));
                signed.add(ref);
            }
            // Accounts whose mails the two notification-service instances share.
            List<String> emails = FaultsIT.createAccounts(stack, "replica");

            StateSnapshot.expireNow(expiring);
            for (String tx : expiring) {
                Api.await(() -> Api.json(Api.send("GET", KysoStack.SIGNING + "/api/v1/transactions/" + tx,
                        dung.token(), null, null)), t -> "EXPIRED".equals(t.path("status").asText()), "expiry of " + tx);
            }
            for (String ref : signed) {
                Api.await(() -> webhooks.getOrDefault(ref, new AtomicInteger()).get(), n -> n >= 1, "webhook " + ref);
            }
            FaultsIT.assertExactlyOnce(emails);

            Map<String, Integer> expired = new TreeMap<>();
            for (ConsumerRecord<String, String> r : DuplicateDeliveryIT.readAll(Topics.SIGNATURE_EVENTS)) {
                if (expiring.contains(r.key()) && EventTypes.SIGNATURE_EXPIRED.type().equals(new String(
                        r.headers().lastHeader("ce_type").value(), StandardCharsets.UTF_8))) {
                    expired.merge(r.key(), 1, Integer::sum);
                }
            }
            Map<String, Integer> once = new TreeMap<>();
            expiring.forEach(tx -> once.put(tx, 1));
            assertEquals(once, expired, "SignatureExpired per transaction");
            Map<String, Integer> hooks = new TreeMap<>();
            signed.forEach(ref -> hooks.put(ref, webhooks.getOrDefault(ref, new AtomicInteger()).get()));
            Map<String, Integer> onceEach = new TreeMap<>();
            signed.forEach(ref -> onceEach.put(ref, 1));
            assertEquals(onceEach, hooks, "webhook calls per transaction");
        } finally {
            hook.stop(0);
        }
    }

    private static java.net.http.HttpResponse<String> confirmAt(String base, Api.Subscriber s, String tran)
            throws Exception {
        JsonNode detail = Api.json(Api.send("GET", base + "/api/v1/transactions/" + tran, s.token(), null, null));
        String challenge = detail.get("challenge").asText();
        return Api.send("POST", base + "/api/v1/transactions/" + tran + "/confirm", s.token(), "application/json",
                Api.JSON.writeValueAsString(Map.of("pin", s.pin(), "challenge", challenge, "deviceSignature",
                        s.sign(challenge))));
    }
}
