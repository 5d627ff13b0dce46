package vn.kyso.signing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusMock;
import io.quarkus.test.junit.QuarkusTest;
import vn.kyso.commons.security.WebhookDestinations.HostResolver;
import vn.kyso.signing.crypto.TestTsa;
import vn.kyso.testsupport.JwtKeysTestResource;
import vn.kyso.testsupport.KafkaTestResource;
import vn.kyso.testsupport.PostgresTestResource;
import vn.kyso.testsupport.SealingKeysTestResource;

/**
 * Issue 18, finding 11: a webhook is sent to the address its destination check resolved, never to what a second
 * look-up of the name says — here a name that no DNS knows, resolved once by the check, reaches its listener.
 */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "signing"))
@WithTestResource(JwtKeysTestResource.class)
@WithTestResource(AccountLoginStub.class)
@WithTestResource(TestTsa.class)
@WithTestResource(SealingKeysTestResource.class)
class WebhookPinningTest {

    @Test
    void theDeliveryConnectsToTheCheckedAddressWithTheRegisteredHostName() throws Exception {
        AtomicInteger lookups = new AtomicInteger();
        QuarkusMock.installMockForType((HostResolver) host -> {
            if (host.equals("hooks.kyso.test")) {
                lookups.incrementAndGet();
                return List.of(InetAddress.getLoopbackAddress());
            }
            return HostResolver.SYSTEM.resolve(host);
        }, HostResolver.class);
        List<String> hosts = new CopyOnWriteArrayList<>();
        var server = com.sun.net.httpserver.HttpServer.create(new java.net.InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/kyso-webhook", ex -> {
            ex.getRequestBody().readAllBytes();
            hosts.add(ex.getRequestHeaders().getFirst("Host"));
            ex.sendResponseHeaders(200, -1);
            ex.close();
        });
        server.start();
        try {
            int port = server.getAddress().getPort();
            Sp769Test.Integrator sp = Sp769Test.integrator("http://hooks.kyso.test:" + port + "/kyso-webhook");
            Sp769Test.User user = Sp769Test.user();
            String tranCode = Sp769Test.expect(Sp769Test.call("/v1/signatures/sign", Sp769Test.signRequest(sp, user,
                    "SP-PIN-" + UUID.randomUUID(), List.of("hợp đồng".getBytes(StandardCharsets.UTF_8)))), 200)
                    .getString("data.tran_code");
            TransactionTest.approve(user.subscriber(), UUID.fromString(tranCode), SigningTestSupport.PIN, 200);
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> !hosts.isEmpty());
            assertEquals("hooks.kyso.test:" + port, hosts.get(0), "the registered name, sent to the checked address");
            assertEquals(1, lookups.get(), "one look-up for one delivery: the check's");
        } finally {
            server.stop(0);
        }
    }
}
