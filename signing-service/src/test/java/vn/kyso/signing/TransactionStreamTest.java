package vn.kyso.signing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import vn.kyso.signing.crypto.TestTsa;
import vn.kyso.testsupport.JwtKeysTestResource;
import vn.kyso.testsupport.KafkaTestResource;
import vn.kyso.testsupport.PostgresTestResource;
import vn.kyso.testsupport.SealingKeysTestResource;

/** A subscriber's open screen hears their transactions arrive and end, and nobody else's, without polling. */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "signing"))
@WithTestResource(JwtKeysTestResource.class)
@WithTestResource(AccountLoginStub.class)
@WithTestResource(TestTsa.class)
@WithTestResource(SealingKeysTestResource.class)
class TransactionStreamTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TestHTTPResource("/api/v1/transactions/events")
    URL events;

    @Test
    void aSubscribersStreamCarriesTheirChangesOnly() throws Exception {
        TransactionTest.Subscriber alice = TransactionTest.activeSubscriber();
        TransactionTest.Subscriber bob = TransactionTest.activeSubscriber();
        Queue<String> aliceLines = new ConcurrentLinkedQueue<>();
        Queue<String> bobLines = new ConcurrentLinkedQueue<>();
        Lines aliceStream = listen(alice.token(), aliceLines);
        Lines bobStream = listen(bob.token(), bobLines);
        try {
            // The stream's consumer joins its own group at the latest offset: until it is live, each poll asks for
            // another transaction; once one is heard, the next ones are heard for sure.
            byte[] document = "hóa đơn".getBytes(StandardCharsets.UTF_8);
            Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(2)).until(() -> {
                if (aliceLines.stream().anyMatch(l -> l.contains("REQUESTED"))) {
                    return true;
                }
                TransactionTest.request(alice.account(), List.of(document), 300);
                return false;
            });
            UUID tx = TransactionTest.request(alice.account(), List.of(document), 300);
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> aliceLines.stream()
                    .anyMatch(l -> l.contains(tx.toString()) && l.contains("REQUESTED")));
            TransactionTest.approve(alice, tx, SigningTestSupport.PIN, 200);
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> aliceLines.stream()
                    .anyMatch(l -> l.contains(tx.toString()) && l.contains("SIGNED")));
            assertTrue(bobLines.stream().noneMatch(l -> l.contains("transactionId\":\"")),
                    "bob hears none of alice's transactions: " + bobLines);
        } finally {
            aliceStream.cancel();
            bobStream.cancel();
        }
        HttpResponse<String> anonymous = HTTP.send(HttpRequest.newBuilder(events.toURI()).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(401, anonymous.statusCode());
    }

    /** Collects the stream's lines until cancelled (cancelling closes the connection). */
    private static final class Lines implements java.util.concurrent.Flow.Subscriber<String> {

        private final Queue<String> lines;
        private volatile java.util.concurrent.Flow.Subscription subscription;

        Lines(Queue<String> lines) {
            this.lines = lines;
        }

        @Override
        public void onSubscribe(java.util.concurrent.Flow.Subscription s) {
            subscription = s;
            s.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(String line) {
            lines.add(line);
        }

        @Override
        public void onError(Throwable e) {
            lines.add("error: " + e);
        }

        @Override
        public void onComplete() {
        }

        void cancel() {
            if (subscription != null) {
                subscription.cancel();
            }
        }
    }

    private Lines listen(String token, Queue<String> lines) throws Exception {
        Lines subscriber = new Lines(lines);
        HTTP.sendAsync(HttpRequest.newBuilder(events.toURI()).header("Authorization", "Bearer " + token)
                .header("Accept", "text/event-stream").build(), HttpResponse.BodyHandlers.fromLineSubscriber(subscriber));
        return subscriber;
    }
}
