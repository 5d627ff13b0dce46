package vn.kyso.account;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import vn.kyso.events.EventCodec;
import vn.kyso.events.EventTypes;
import vn.kyso.events.Topics;
import vn.kyso.events.activation.ActivationCompleted;
import vn.kyso.testsupport.JwtKeysTestResource;
import vn.kyso.testsupport.KafkaTestResource;
import vn.kyso.testsupport.PostgresTestResource;
import vn.kyso.testsupport.TopicReader;

/** Issue 18, finding 2: a service token allows only its client's job, and no service token takes over an account. */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "account"))
@WithTestResource(JwtKeysTestResource.class)
class ServiceTokenScopeTest {

    static final String OTHER_PASSWORD = "Ke-Gian-Diep-2026!";

    private static String token(String client) {
        return given().contentType(ContentType.JSON)
                .body("{\"clientId\":\"" + client + "\",\"clientSecret\":\"" + client + "-secret-not-for-production\"}")
                .post("/api/v1/auth/service-token").then().statusCode(200).extract().path("access_token");
    }

    @Test
    void aServiceTokenNamesOnlyItsClientsAudiencesAndScopes() throws Exception {
        JsonNode claims = new ObjectMapper().readTree(Base64.getUrlDecoder().decode(token("test-reader").split("\\.")[1]));
        assertEquals("kyso-activation-service", claims.get("aud").isArray() ? claims.get("aud").get(0).asText()
                : claims.get("aud").asText());
        assertEquals("[\"activations.acceptance.read\"]", claims.get("groups").toString());
        JsonNode people = new ObjectMapper().readTree(Base64.getUrlDecoder().decode(AccountApiTest.operatorToken()
                .split("\\.")[1]));
        assertTrue(people.get("aud").toString().contains("\"kyso\""), people.toString());
    }

    @Test
    void anotherServicesTokenCannotSetAPassword() {
        String[] account = SubscriberLoginTest.newAccount();
        // Wrong audience (a token for activation-service), then the right audience without the scope.
        for (String client : new String[] {"test-reader", "test-wide"}) {
            int status = given().auth().oauth2(token(client)).contentType(ContentType.JSON)
                    .body("{\"password\":\"" + OTHER_PASSWORD + "\"}")
                    .put("/internal/v1/accounts/" + account[0] + "/password").then().extract().statusCode();
            assertTrue(status == 401 || status == 403, client + " answered " + status);
        }
        given().contentType(ContentType.JSON).body("{\"username\":\"" + account[1] + "\",\"password\":\""
                + OTHER_PASSWORD + "\"}").post("/api/v1/auth/token").then().statusCode(401);
    }

    @Test
    void anActivatedAccountsPasswordCannotBeSetThroughTheInternalApi() {
        String[] account = SubscriberLoginTest.newAccount();
        SubscriberLoginTest.setPassword(account[0], SubscriberLoginTest.PASSWORD, 200);
        ActivationCompleted completed = new ActivationCompleted(UUID.randomUUID(), UUID.fromString(account[0]),
                Instant.now());
        TopicReader.send(Topics.ACTIVATION_EVENTS, completed.activationId().toString(), EventCodec.toJson(completed),
                Map.of("ce_id", UUID.randomUUID().toString(), "ce_type", EventTypes.ACTIVATION_COMPLETED.type(),
                        "ce_specversion", "1.0", "ce_source", "/kyso/activation-service"));
        Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                given().auth().oauth2(AccountApiTest.operatorToken()).get("/api/v1/accounts/" + account[0])
                        .then().statusCode(200).body("status", equalTo("ACTIVE")));

        String body = given().auth().oauth2(SubscriberLoginTest.serviceToken()).contentType(ContentType.JSON)
                .body("{\"password\":\"" + OTHER_PASSWORD + "\"}")
                .put("/internal/v1/accounts/" + account[0] + "/password")
                .then().statusCode(409).contentType("application/problem+json")
                .body("code", equalTo("ACCOUNT_ALREADY_ACTIVE")).extract().asString();
        assertTrue(!body.contains("access_token"), body);
        given().contentType(ContentType.JSON).body("{\"username\":\"" + account[1] + "\",\"password\":\""
                + OTHER_PASSWORD + "\"}").post("/api/v1/auth/token").then().statusCode(401);
        given().contentType(ContentType.JSON).body("{\"username\":\"" + account[1] + "\",\"password\":\""
                + SubscriberLoginTest.PASSWORD + "\"}").post("/api/v1/auth/token").then().statusCode(200);
    }
}
