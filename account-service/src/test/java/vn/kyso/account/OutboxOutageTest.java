package vn.kyso.account;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import vn.kyso.commons.outbox.OutboxEvent;
import vn.kyso.commons.outbox.OutboxRepository;
import vn.kyso.events.Topics;
import vn.kyso.testsupport.InSession;
import vn.kyso.testsupport.JwtKeysTestResource;
import vn.kyso.testsupport.KafkaTestResource;
import vn.kyso.testsupport.PostgresTestResource;
import vn.kyso.testsupport.TopicReader;

@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "account"))
@WithTestResource(JwtKeysTestResource.class)
class OutboxOutageTest {

    @io.quarkus.test.common.http.TestHTTPResource(value = "health/ready", management = true)
    java.net.URL readiness;

    @Inject
    OutboxRepository outbox;

    @Test
    void anAccountCreatedWhileKafkaIsDownIsAnnouncedOnceWhenKafkaReturns() {
        if (!KafkaTestResource.embedded()) {
            throw new IllegalStateException("this test stops the embedded broker");
        }
        String token = AccountApiTest.operatorToken();
        KafkaTestResource.stopBroker();
        String accountId;
        try {
            accountId = given().auth().oauth2(token).contentType(ContentType.JSON)
                    .body(AccountApiTest.accountJson(AccountApiTest.newCccd()))
                    .post("/api/v1/accounts")
                    .then().statusCode(201)
                    .extract().path("accountId");
            // The relay really tried and failed: the event waits in the outbox, counted.
            Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> {
                OutboxEvent row = pending(accountId);
                return row != null && row.attempts > 0;
            });
        } finally {
            KafkaTestResource.restartBroker();
        }
        TopicReader.awaitRecords(Topics.ACCOUNT_EVENTS, r -> accountId.equals(r.key()), 1, Duration.ofSeconds(60));
        List<ConsumerRecord<String, String>> records = TopicReader.readAll(Topics.ACCOUNT_EVENTS,
                r -> accountId.equals(r.key()));
        assertEquals(1, records.size(), "published exactly once after the outage");
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> pending(accountId) == null);
        // The service recovers by itself: readiness is UP again once the broker is back.
        Awaitility.await().atMost(Duration.ofSeconds(60))
                .until(() -> given().get(readiness).statusCode() == 200);
    }

    private OutboxEvent pending(String accountId) {
        return InSession.await(() -> outbox.find("aggregateId", accountId).firstResult());
    }
}
