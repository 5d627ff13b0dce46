package vn.kyso.account;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import vn.kyso.account.crypto.PasswordHasher;
import vn.kyso.account.model.Operator;
import vn.kyso.account.repository.OperatorRepository;
import vn.kyso.testsupport.JwtKeysTestResource;
import vn.kyso.testsupport.KafkaTestResource;
import vn.kyso.testsupport.PostgresTestResource;

@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "account"))
@WithTestResource(JwtKeysTestResource.class)
class SubscriberLoginTest {

    static final String PASSWORD = "Kyso-Mat-Khau-2026!";

    static String serviceToken() {
        return given().contentType(ContentType.JSON)
                .body("{\"clientId\":\"test-client\",\"clientSecret\":\"test-client-secret-not-for-production\"}")
                .post("/api/v1/auth/service-token")
                .then().statusCode(200).body("token_type", equalTo("Bearer"))
                .extract().path("access_token");
    }

    static String[] newAccount() {
        String idNumber = AccountApiTest.newCccd();
        String accountId = given().auth().oauth2(AccountApiTest.operatorToken()).contentType(ContentType.JSON)
                .body(AccountApiTest.accountJson(idNumber)).post("/api/v1/accounts")
                .then().statusCode(201).extract().path("accountId");
        return new String[] {accountId, idNumber};
    }

    static void setPassword(String accountId, String password, int expectedStatus) {
        given().auth().oauth2(serviceToken()).contentType(ContentType.JSON)
                .body("{\"password\":\"" + password + "\"}")
                .put("/internal/v1/accounts/" + accountId + "/password")
                .then().statusCode(expectedStatus);
    }

    static io.restassured.response.ValidatableResponse login(String username, String password) {
        return given().contentType(ContentType.JSON)
                .body("{\"username\":\"" + username + "\",\"password\":\"" + password + "\"}")
                .post("/api/v1/auth/token").then();
    }

    @Test
    void aSubscriberWithAPasswordLogsInAndSeesTheirAccount() throws Exception {
        String[] account = newAccount();
        login(account[1], PASSWORD).statusCode(401).body("code", equalTo("INVALID_CREDENTIALS"));

        String tokenFromActivation = given().auth().oauth2(serviceToken()).contentType(ContentType.JSON)
                .body("{\"password\":\"" + PASSWORD + "\"}")
                .put("/internal/v1/accounts/" + account[0] + "/password")
                .then().statusCode(200).extract().path("access_token");
        given().auth().oauth2(tokenFromActivation).get("/api/v1/me")
                .then().statusCode(200).body("accountId", equalTo(account[0]));

        String token = login(account[1], PASSWORD).statusCode(200).body("expires_in", equalTo(900))
                .extract().path("access_token");
        given().auth().oauth2(token).get("/api/v1/me")
                .then().statusCode(200)
                .body("identifier", equalTo(account[1]))
                .body("status", equalTo("UNACTIVATED"))
                .body("fullName", equalTo("Nguyễn Văn An"));
        given().auth().oauth2(token).contentType(ContentType.JSON).body(AccountApiTest.accountJson(AccountApiTest.newCccd()))
                .post("/api/v1/accounts").then().statusCode(403);

        String log = Files.readString(Path.of("target/account-service-test.log"), StandardCharsets.UTF_8);
        assertFalse(log.contains(PASSWORD), "subscriber password in the log");
    }

    @Test
    void refreshTokensRotateAndAReplayedOneEndsTheSession() {
        String[] account = newAccount();
        setPassword(account[0], PASSWORD, 200);
        var first = login(account[1], PASSWORD).statusCode(200).extract();
        String refresh1 = first.path("refresh_token");
        assertEquals(43, refresh1.length());

        var second = given().contentType(ContentType.JSON).body("{\"refresh_token\":\"" + refresh1 + "\"}")
                .post("/api/v1/auth/refresh").then().statusCode(200).extract();
        String refresh2 = second.path("refresh_token");
        given().auth().oauth2((String) second.path("access_token")).get("/api/v1/me").then().statusCode(200);

        // refresh1 presented again: a stolen copy. The whole family dies, refresh2 included.
        given().contentType(ContentType.JSON).body("{\"refresh_token\":\"" + refresh1 + "\"}")
                .post("/api/v1/auth/refresh").then().statusCode(401).body("code", equalTo("INVALID_REFRESH_TOKEN"));
        given().contentType(ContentType.JSON).body("{\"refresh_token\":\"" + refresh2 + "\"}")
                .post("/api/v1/auth/refresh").then().statusCode(401);
        given().contentType(ContentType.JSON).body("{\"refresh_token\":\"made-up\"}")
                .post("/api/v1/auth/refresh").then().statusCode(401);
        // A new login starts a new, working session.
        String refresh3 = login(account[1], PASSWORD).statusCode(200).extract().path("refresh_token");
        given().contentType(ContentType.JSON).body("{\"refresh_token\":\"" + refresh3 + "\"}")
                .post("/api/v1/auth/refresh").then().statusCode(200);
    }

    @Test
    void tokensNameTheKeyPublishedAsJwks() {
        String token = AccountApiTest.operatorToken();
        String header = new String(java.util.Base64.getUrlDecoder().decode(token.split("\\.")[0]),
                StandardCharsets.UTF_8);
        String kid = given().get("/api/v1/auth/jwks").then().statusCode(200)
                .body("keys[0].kty", equalTo("RSA"))
                .body("keys[0].alg", equalTo("RS256"))
                .body("keys[0].d", org.hamcrest.Matchers.nullValue())
                .extract().path("keys[0].kid");
        org.junit.jupiter.api.Assertions.assertTrue(header.contains("\"kid\":\"" + kid + "\""), header);
    }

    @Test
    void weakPasswordsAreRefusedAndChangeNothing() {
        String[] account = newAccount();
        setPassword(account[0], "short1!", 400);
        setPassword(account[0], "nouppercase1!", 400);
        given().auth().oauth2(serviceToken()).contentType(ContentType.JSON)
                .body("{\"password\":\"Ab1!" + account[1] + "\"}")
                .put("/internal/v1/accounts/" + account[0] + "/password")
                .then().statusCode(400).contentType("application/problem+json")
                .body("code", equalTo("PASSWORD_REJECTED"))
                .body("errors.field", hasItem("password"));
        login(account[1], "short1!").statusCode(401);
    }

    @Inject
    OperatorRepository operators;

    @Inject
    PasswordHasher hasher;

    static io.restassured.response.ValidatableResponse loginFrom(String source, String username, String password) {
        return given().header("X-Forwarded-For", source).contentType(ContentType.JSON)
                .body("{\"username\":\"" + username + "\",\"password\":\"" + password + "\"}")
                .post("/api/v1/auth/token").then();
    }

    /** Which answers a source got for six wrong passwords in a row, e.g. "401 401 401 401 401 429". */
    private static String sixWrong(String source, String username) {
        StringBuilder answers = new StringBuilder();
        for (int i = 1; i <= 6; i++) {
            var answer = loginFrom(source, username, "Wrong-Password-" + i).contentType("application/problem+json");
            int status = answer.extract().statusCode();
            answers.append(i > 1 ? " " : "").append(status);
            if (status == 429) {
                answer.header("Retry-After", org.hamcrest.Matchers.notNullValue()).body("code",
                        equalTo("TOO_MANY_REQUESTS"));
            } else {
                answer.body("code", equalTo("INVALID_CREDENTIALS"));
            }
        }
        return answers.toString();
    }

    /**
     * Issue 18, finding 5: six wrong passwords answered a real subscriber 401×4 then 423×2 ("locked until…") and a
     * random identifier 401×6, and locked the owner out. Now both get the same answers, and only the guessing source
     * waits: the owner logs in from anywhere else.
     */
    @Test
    void wrongPasswordsSlowTheGuessingSourceAlikeForRealAndUnknownNamesAndNeverLockTheOwnerOut() {
        String[] account = newAccount();
        setPassword(account[0], PASSWORD, 200);
        String real = sixWrong("203.0.113.5", account[1]);
        String unknown = sixWrong("203.0.113.5", AccountApiTest.newCccd());
        assertEquals("401 401 401 401 401 429", real);
        assertEquals(real, unknown, "a real identifier and an unknown one are answered alike");
        // The guessing source waits even with the right password; the owner, elsewhere, is not locked out.
        loginFrom("203.0.113.5", account[1], PASSWORD).statusCode(429);
        loginFrom("198.51.100.20", account[1], PASSWORD).statusCode(200);
        // Fewer than the free failures, then the right password: the count starts again.
        for (int round = 0; round < 2; round++) {
            for (int i = 1; i <= 4; i++) {
                loginFrom("198.51.100.21", account[1], "Wrong-Password-" + i).statusCode(401);
            }
            loginFrom("198.51.100.21", account[1], PASSWORD).statusCode(200);
        }
    }

    @Test
    void operatorsAreSlowedDownTheSameWay() throws Throwable {
        String username = "ra-" + UUID.randomUUID().toString().substring(0, 8);
        String password = "Ra-Staff-Pass-2026!";
        Operator operator = new Operator();
        operator.id = UUID.randomUUID();
        operator.username = username;
        operator.passwordHash = hasher.hash(password);
        operator.createdAt = Instant.now();
        VertxContextSupport.subscribeAndAwait(() -> Panache.withTransaction(() -> operators.persist(operator)));
        assertEquals("401 401 401 401 401 429", sixWrong("203.0.113.9", username));
        loginFrom("203.0.113.9", username, password).statusCode(429);
        loginFrom("198.51.100.9", username, password).statusCode(200);
    }

    /** Issue 18, finding 13: logout ends the session — its refresh token and every check of it — at once. */
    @Test
    void logoutEndsTheSessionAndItsRefreshToken() {
        String[] account = newAccount();
        setPassword(account[0], PASSWORD, 200);
        var first = login(account[1], PASSWORD).statusCode(200).extract();
        String access = first.path("access_token");
        String refresh = first.path("refresh_token");
        var other = login(account[1], PASSWORD).statusCode(200).extract();
        given().auth().oauth2(access).get("/api/v1/auth/session").then().statusCode(204);
        given().auth().oauth2(access).post("/api/v1/auth/logout").then().statusCode(204);
        given().auth().oauth2(access).get("/api/v1/auth/session").then().statusCode(401)
                .contentType("application/problem+json").body("code", equalTo("SESSION_ENDED"));
        given().contentType(ContentType.JSON).body("{\"refresh_token\":\"" + refresh + "\"}")
                .post("/api/v1/auth/refresh").then().statusCode(401);
        given().auth().oauth2(access).post("/api/v1/auth/logout").then().statusCode(204);
        // Another session of the same subscriber (another device) is not ended.
        given().auth().oauth2(other.<String>path("access_token")).get("/api/v1/auth/session").then().statusCode(204);
        given().auth().oauth2(AccountApiTest.operatorToken()).get("/api/v1/auth/session").then().statusCode(403);
    }

    @Test
    void theInternalApiIsForServicesOnly() {
        String[] account = newAccount();
        given().contentType(ContentType.JSON).body("{\"clientId\":\"test-client\",\"clientSecret\":\"guess\"}")
                .post("/api/v1/auth/service-token")
                .then().statusCode(401).body("code", equalTo("INVALID_CLIENT"));
        given().contentType(ContentType.JSON).body("{\"clientId\":\"activation-service\",\"clientSecret\":\"\"}")
                .post("/api/v1/auth/service-token")
                .then().statusCode(400);
        given().contentType(ContentType.JSON).body("{\"password\":\"" + PASSWORD + "\"}")
                .put("/internal/v1/accounts/" + account[0] + "/password")
                .then().statusCode(401);
        given().auth().oauth2(AccountApiTest.operatorToken()).contentType(ContentType.JSON)
                .body("{\"password\":\"" + PASSWORD + "\"}")
                .put("/internal/v1/accounts/" + account[0] + "/password")
                .then().statusCode(403);
        given().auth().oauth2(serviceToken()).contentType(ContentType.JSON)
                .body("{\"password\":\"" + PASSWORD + "\"}")
                .put("/internal/v1/accounts/" + java.util.UUID.randomUUID() + "/password")
                .then().statusCode(404).body("code", equalTo("ACCOUNT_NOT_FOUND"));
        given().auth().oauth2(AccountApiTest.operatorToken()).get("/api/v1/me").then().statusCode(403);
    }
}
