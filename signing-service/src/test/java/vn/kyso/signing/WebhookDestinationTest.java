package vn.kyso.signing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.inject.Inject;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import vn.kyso.commons.delivery.Delivery;
import vn.kyso.commons.delivery.DeliveryRepository;
import vn.kyso.commons.delivery.DeliveryStatus;
import vn.kyso.testsupport.InSession;
import vn.kyso.testsupport.JwtKeysTestResource;
import vn.kyso.testsupport.KafkaTestResource;
import vn.kyso.testsupport.PostgresTestResource;

/** As in a cluster (loopback not allowed), a webhook URL on loopback is never called. */
@QuarkusTest
@TestProfile(WebhookDestinationTest.PublicOnly.class)
@WithTestResource(KafkaTestResource.class)
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "signing"))
@WithTestResource(JwtKeysTestResource.class)
@WithTestResource(AccountLoginStub.class)
class WebhookDestinationTest {

    /** The cluster's setting: the default, which the test profile otherwise overrides for its localhost integrators. */
    public static class PublicOnly implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("kyso.signing.webhook.allow-loopback", "false");
        }
    }

    @Inject
    DeliveryRepository deliveries;

    @Test
    void aWebhookToALoopbackAddressIsRefusedNotSentAndNotRetried() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        var server = com.sun.net.httpserver.HttpServer.create(new java.net.InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/kyso-webhook", ex -> {
            calls.incrementAndGet();
            ex.sendResponseHeaders(200, -1);
            ex.close();
        });
        server.start();
        try {
            Sp769Test.Integrator sp = Sp769Test.integrator("http://127.0.0.1:" + server.getAddress().getPort()
                    + "/kyso-webhook");
            Sp769Test.User user = Sp769Test.user();
            String tranCode = Sp769Test.expect(Sp769Test.call("/v1/signatures/sign", Sp769Test.signRequest(sp, user,
                    "SP-PRIVATE-" + UUID.randomUUID(), List.of("hợp đồng".getBytes(StandardCharsets.UTF_8)))), 200)
                    .getString("data.tran_code");
            TransactionTest.approve(user.subscriber(), UUID.fromString(tranCode), SigningTestSupport.PIN, 200);
            UUID transaction = UUID.fromString(tranCode);
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> {
                List<Delivery> mine = InSession.await(() -> deliveries.about(transaction.toString()));
                return mine.size() == 1 && mine.get(0).status == DeliveryStatus.FAILED;
            });
            Delivery delivery = InSession.await(() -> deliveries.about(transaction.toString())).get(0);
            assertEquals(1, delivery.attempts, "refused once, not retried");
            assertTrue(delivery.lastError.startsWith("refused: not a public address: 127.0.0.1"),
                    delivery.lastError);
            assertEquals(0, calls.get(), "the loopback listener was never called");
        } finally {
            server.stop(0);
        }
    }
}
