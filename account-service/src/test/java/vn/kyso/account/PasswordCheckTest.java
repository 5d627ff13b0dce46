package vn.kyso.account;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import vn.kyso.testsupport.InSession;
import vn.kyso.testsupport.JwtKeysTestResource;
import vn.kyso.testsupport.KafkaTestResource;
import vn.kyso.testsupport.PostgresTestResource;

/**
 * Issue 22 §3: SmartCA TH v2's password check is a check, not a login — signing-service's token alone may ask, the
 * answer is 204 or 401 (alike for unknown identifiers) with a login's back-off, and no session or token is made.
 */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "account"))
@WithTestResource(JwtKeysTestResource.class)
class PasswordCheckTest {

    static String signingServiceToken() {
        return given().contentType(ContentType.JSON).body(Map.of("clientId", "signing-service", "clientSecret",
                "test-signing-secret-not-for-production")).post("/api/v1/auth/service-token").then().statusCode(200)
                .extract().path("access_token");
    }

    static ValidatableResponse check(String token, String source, String identifier, String password) {
        return given().auth().oauth2(token).header("X-Forwarded-For", source).contentType(ContentType.JSON)
                .body(Map.of("identifier", identifier, "password", password)).post("/internal/v1/password-checks")
                .then();
    }

    @Test
    void theRightPasswordIs204AndOpensNoSessionAWrongOneOrAnUnknownIdentifierIs401() {
        String[] account = SubscriberLoginTest.newAccount();
        SubscriberLoginTest.setPassword(account[0], SubscriberLoginTest.PASSWORD, 200);
        String token = signingServiceToken();
        long sessions = refreshTokens(account[0]);

        check(token, "192.0.2.1", account[1], SubscriberLoginTest.PASSWORD).statusCode(204);
        check(token, "192.0.2.1", account[1].toLowerCase(), SubscriberLoginTest.PASSWORD).statusCode(204);
        check(token, "192.0.2.1", account[1], "Wrong-Password-1").statusCode(401)
                .contentType("application/problem+json").body("code", equalTo("INVALID_CREDENTIALS"));
        check(token, "192.0.2.1", AccountApiTest.newCccd(), SubscriberLoginTest.PASSWORD).statusCode(401)
                .body("code", equalTo("INVALID_CREDENTIALS"));
        assertEquals(sessions, refreshTokens(account[0]), "a check opens no session");
        check(token, "192.0.2.1", account[1], "").statusCode(400).contentType("application/problem+json");
    }

    @Test
    void wrongPasswordsSlowTheSourceDownAsALoginDoesAndTheRightOneStillWorksFromElsewhere() {
        String[] account = SubscriberLoginTest.newAccount();
        SubscriberLoginTest.setPassword(account[0], SubscriberLoginTest.PASSWORD, 200);
        String token = signingServiceToken();
        StringBuilder answers = new StringBuilder();
        for (int i = 1; i <= 6; i++) {
            answers.append(i > 1 ? " " : "").append(check(token, "192.0.2.7", account[1], "Wrong-" + i).extract()
                    .statusCode());
        }
        assertEquals("401 401 401 401 401 429", answers.toString());
        check(token, "192.0.2.7", account[1], SubscriberLoginTest.PASSWORD).statusCode(429)
                .header("Retry-After", org.hamcrest.Matchers.notNullValue());
        check(token, "192.0.2.8", account[1], SubscriberLoginTest.PASSWORD).statusCode(204);
    }

    @Test
    void onlySigningServicesTokenMayAsk() {
        String[] account = SubscriberLoginTest.newAccount();
        SubscriberLoginTest.setPassword(account[0], SubscriberLoginTest.PASSWORD, 200);
        given().contentType(ContentType.JSON).body(Map.of("identifier", account[1], "password",
                SubscriberLoginTest.PASSWORD)).post("/internal/v1/password-checks").then().statusCode(401);
        // Another service's token (activation's scopes), an operator's and the subscriber's own are refused.
        check(SubscriberLoginTest.serviceToken(), "192.0.2.9", account[1], SubscriberLoginTest.PASSWORD)
                .statusCode(403);
        check(AccountApiTest.operatorToken(), "192.0.2.9", account[1], SubscriberLoginTest.PASSWORD).statusCode(403);
        String subscriber = SubscriberLoginTest.login(account[1], SubscriberLoginTest.PASSWORD).statusCode(200)
                .extract().path("access_token");
        check(subscriber, "192.0.2.9", account[1], SubscriberLoginTest.PASSWORD).statusCode(403);
    }

    private static long refreshTokens(String accountId) {
        return InSession.await(() -> io.quarkus.hibernate.reactive.panache.Panache.getSession().chain(s -> s
                .createNativeQuery("select count(*) from refresh_token where account_id = cast(:a as uuid)",
                        Long.class).setParameter("a", accountId).getSingleResult()));
    }
}
