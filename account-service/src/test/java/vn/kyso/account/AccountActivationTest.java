package vn.kyso.account;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import vn.kyso.account.model.AccountStatus;
import vn.kyso.events.EventCodec;
import vn.kyso.events.EventTypes;
import vn.kyso.events.Topics;
import vn.kyso.events.activation.ActivationCompleted;
import vn.kyso.testsupport.JwtKeysTestResource;
import vn.kyso.testsupport.KafkaTestResource;
import vn.kyso.testsupport.PostgresTestResource;
import vn.kyso.testsupport.TopicReader;

@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "account"))
@WithTestResource(JwtKeysTestResource.class)
class AccountActivationTest {

    @Test
    void aCompletedActivationMakesTheAccountActiveOnceAndAnnouncesIt() {
        String[] account = SubscriberLoginTest.newAccount();
        String eventId = UUID.randomUUID().toString();
        publish(eventId, account[0]);
        publish(eventId, account[0]);
        publish(UUID.randomUUID().toString(), account[0]);

        Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                given().auth().oauth2(AccountApiTest.operatorToken()).get("/api/v1/accounts/" + account[0])
                        .then().statusCode(200).body("status", equalTo("ACTIVE")));
        TopicReader.awaitRecords(Topics.ACCOUNT_EVENTS, r -> account[0].equals(r.key())
                && EventTypes.ACCOUNT_ACTIVATED.type().equals(AccountApiTest.header(r, "ce_type")), 1,
                Duration.ofSeconds(30));
        assertEquals(1, TopicReader.readAll(Topics.ACCOUNT_EVENTS, r -> account[0].equals(r.key())
                && EventTypes.ACCOUNT_ACTIVATED.type().equals(AccountApiTest.header(r, "ce_type"))).size(),
                "one AccountActivated however often the completion arrives");
    }

    @Test
    void statusesMoveOnlyAlongDefinedTransitions() {
        assertTrue(AccountStatus.UNACTIVATED.canBecome(AccountStatus.ACTIVE));
        assertFalse(AccountStatus.UNACTIVATED.canBecome(AccountStatus.LOCKED));
        assertTrue(AccountStatus.ACTIVE.canBecome(AccountStatus.LOCKED));
        assertFalse(AccountStatus.ACTIVE.canBecome(AccountStatus.UNACTIVATED));
        assertTrue(AccountStatus.LOCKED.canBecome(AccountStatus.ACTIVE));
        assertFalse(AccountStatus.LOCKED.canBecome(AccountStatus.UNACTIVATED));
    }

    private static void publish(String eventId, String accountId) {
        ActivationCompleted completed = new ActivationCompleted(UUID.randomUUID(), UUID.fromString(accountId),
                Instant.now());
        TopicReader.send(Topics.ACTIVATION_EVENTS, completed.activationId().toString(), EventCodec.toJson(completed),
                Map.of("ce_id", eventId, "ce_type", EventTypes.ACTIVATION_COMPLETED.type(), "ce_specversion", "1.0",
                        "ce_source", "/kyso/activation-service"));
    }
}
