package vn.kyso.account;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.emptyOrNullString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.smallrye.jwt.build.Jwt;
import vn.kyso.events.EventCodec;
import vn.kyso.events.Topics;
import vn.kyso.events.account.AccountCreated;
import vn.kyso.testsupport.JwtKeysTestResource;
import vn.kyso.testsupport.KafkaTestResource;
import vn.kyso.testsupport.PostgresTestResource;
import vn.kyso.testsupport.TopicReader;

@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(value = PostgresTestResource.class, initArgs = @io.quarkus.test.common.ResourceArg(name = "database", value = "account"))
@WithTestResource(JwtKeysTestResource.class)
class AccountApiTest {

    static final String OPERATOR_PASSWORD = "Test-Operator-Pass-1";

    private static String cachedToken;

    /** An operator token; fetched once per test JVM (valid 15 min) since Argon2 verification is deliberately slow. */
    static synchronized String operatorToken() {
        if (cachedToken == null) {
            cachedToken = freshOperatorToken();
        }
        return cachedToken;
    }

    static String freshOperatorToken() {
        return given().contentType(ContentType.JSON)
                .body("{\"username\":\"operator\",\"password\":\"" + OPERATOR_PASSWORD + "\"}")
                .post("/api/v1/auth/token")
                .then().statusCode(200)
                .body("token_type", equalTo("Bearer"))
                .body("expires_in", equalTo(900))
                .extract().path("access_token");
    }

    static String newCccd() {
        return String.format("%012d", ThreadLocalRandom.current().nextLong(1_000_000_000_000L));
    }

    static String accountJson(String idNumber) {
        return """
                {"idType":"CCCD","idNumber":"%s","fullName":"Nguyễn Văn An","email":"An.Nguyen@Example.vn",
                 "phone":"0912345678","province":"Hà Nội","locality":"Cầu Giấy"}""".formatted(idNumber);
    }

    @Test
    void operatorCreatesAnAccountWhichIsPersistedAndAnnouncedOnKafka() {
        String token = operatorToken();
        String idNumber = newCccd();

        String accountId = given().auth().oauth2(token).contentType(ContentType.JSON)
                .body(accountJson(idNumber))
                .post("/api/v1/accounts")
                .then().statusCode(201)
                .header("Location", containsString("/api/v1/accounts/"))
                .body("identifier", equalTo(idNumber))
                .body("status", equalTo("UNACTIVATED"))
                .body("accountId", not(emptyOrNullString()))
                .extract().path("accountId");

        given().auth().oauth2(token).get("/api/v1/accounts/" + accountId)
                .then().statusCode(200)
                .body("fullName", equalTo("Nguyễn Văn An"))
                .body("email", equalTo("an.nguyen@example.vn"))
                .body("phone", equalTo("+84912345678"))
                .body("idType", equalTo("CCCD"));

        TopicReader.awaitRecords(Topics.ACCOUNT_EVENTS, r -> accountId.equals(r.key()), 1, Duration.ofSeconds(30));
        List<ConsumerRecord<String, String>> records = TopicReader.readAll(Topics.ACCOUNT_EVENTS,
                r -> accountId.equals(r.key()));
        assertEquals(1, records.size(), "exactly one AccountCreated for the account");
        ConsumerRecord<String, String> record = records.get(0);
        assertEquals("vn.kyso.account.AccountCreated.v1", header(record, "ce_type"));
        assertEquals("/kyso/account-service", header(record, "ce_source"));
        assertEquals(accountId, header(record, "ce_subject"));
        assertEquals("1.0", header(record, "ce_specversion"));
        assertFalse(header(record, "ce_id").isBlank());
        assertFalse(header(record, "ce_time").isBlank());
        AccountCreated event = EventCodec.fromJson(record.value(), AccountCreated.class);
        assertEquals(accountId, event.accountId().toString());
        assertEquals(idNumber, event.identifier());
        assertEquals("an.nguyen@example.vn", event.email());
        assertEquals("UNACTIVATED", event.status());
    }

    @Test
    void duplicateIdentifierIsAConflictAndPublishesNothingMore() {
        String token = operatorToken();
        String idNumber = newCccd();
        given().auth().oauth2(token).contentType(ContentType.JSON).body(accountJson(idNumber))
                .post("/api/v1/accounts").then().statusCode(201);

        given().auth().oauth2(token).contentType(ContentType.JSON).body(accountJson(idNumber))
                .post("/api/v1/accounts")
                .then().statusCode(409)
                .contentType("application/problem+json")
                .body("code", equalTo("IDENTIFIER_TAKEN"))
                .body("status", equalTo(409));

        given().auth().oauth2(token).queryParam("identifier", idNumber).get("/api/v1/accounts")
                .then().statusCode(200).body("$", hasSize(1));
        TopicReader.awaitRecords(Topics.ACCOUNT_EVENTS, r -> r.value().contains("\"" + idNumber + "\""), 1,
                Duration.ofSeconds(30));
        List<ConsumerRecord<String, String>> events = TopicReader.readAll(Topics.ACCOUNT_EVENTS,
                r -> r.value().contains("\"" + idNumber + "\""));
        assertEquals(1, events.size(), "the rejected duplicate must not be announced");
    }

    @Test
    void concurrentCreationsOfOneIdentifierYieldExactlyOneAccount() throws Exception {
        String token = operatorToken();
        String idNumber = newCccd();
        java.util.concurrent.Callable<Integer> create = () -> given().auth().oauth2(token).contentType(ContentType.JSON)
                .body(accountJson(idNumber)).post("/api/v1/accounts").statusCode();
        var pool = java.util.concurrent.Executors.newFixedThreadPool(6);
        List<Integer> statuses = new java.util.ArrayList<>();
        try {
            for (var f : pool.invokeAll(java.util.Collections.nCopies(6, create))) {
                statuses.add(f.get());
            }
        } finally {
            pool.shutdown();
        }
        assertEquals(1, statuses.stream().filter(s -> s == 201).count(), statuses.toString());
        assertEquals(5, statuses.stream().filter(s -> s == 409).count(), statuses.toString());
    }

    @Test
    void loginFailuresLookTheSameForUnknownUsersAndWrongPasswords() {
        String wrongPassword = given().contentType(ContentType.JSON)
                .body("{\"username\":\"operator\",\"password\":\"nope-Wrong-1\"}")
                .post("/api/v1/auth/token")
                .then().statusCode(401).contentType("application/problem+json")
                .body("code", equalTo("INVALID_CREDENTIALS"))
                .extract().path("detail");
        String unknownUser = given().contentType(ContentType.JSON)
                .body("{\"username\":\"nobody\",\"password\":\"nope-Wrong-1\"}")
                .post("/api/v1/auth/token")
                .then().statusCode(401).contentType("application/problem+json")
                .body("code", equalTo("INVALID_CREDENTIALS"))
                .extract().path("detail");
        assertEquals(wrongPassword, unknownUser);

        given().contentType(ContentType.JSON).body("{\"username\":\"operator\"}")
                .post("/api/v1/auth/token")
                .then().statusCode(400).body("errors.field", hasItem("password"));
    }

    @Test
    void theAccountApiIsForOperatorsOnly() {
        given().contentType(ContentType.JSON).body(accountJson(newCccd()))
                .post("/api/v1/accounts")
                .then().statusCode(401)
                .contentType("application/problem+json")
                .header("WWW-Authenticate", startsWith("Bearer"))
                .body("code", equalTo("UNAUTHENTICATED"));

        given().auth().oauth2("not.a.jwt").contentType(ContentType.JSON).body(accountJson(newCccd()))
                .post("/api/v1/accounts")
                .then().statusCode(401).contentType("application/problem+json");

        String subscriberToken = Jwt.issuer("https://kyso.vn/account").audience("kyso").subject("someone")
                .groups(Set.of("subscriber")).expiresIn(300).sign();
        given().auth().oauth2(subscriberToken).contentType(ContentType.JSON).body(accountJson(newCccd()))
                .post("/api/v1/accounts")
                .then().statusCode(403)
                .contentType("application/problem+json")
                .body("code", equalTo("FORBIDDEN"));

        String foreignIssuer = Jwt.issuer("https://evil.example").audience("kyso").subject("x")
                .groups(Set.of("operator")).expiresIn(300).sign();
        given().auth().oauth2(foreignIssuer).contentType(ContentType.JSON).body(accountJson(newCccd()))
                .post("/api/v1/accounts")
                .then().statusCode(401);
    }

    @Test
    void unknownPathsAndMethodsAnswerProblemJson() {
        given().get("/api/v1/nothing-here").then().statusCode(404).contentType("application/problem+json");
        given().auth().oauth2(operatorToken()).get("/api/v1/accounts/not-a-uuid")
                .then().statusCode(404).contentType("application/problem+json");
        given().auth().oauth2(operatorToken()).get("/api/v1/accounts/" + java.util.UUID.randomUUID())
                .then().statusCode(404).body("code", equalTo("ACCOUNT_NOT_FOUND"));
    }

    @Test
    void secretsNeverReachTheLog() throws Exception {
        freshOperatorToken();
        given().contentType(ContentType.JSON).body("{\"username\":\"operator\",\"password\":\"Leak-Canary-77!\"}")
                .post("/api/v1/auth/token").then().statusCode(401);
        Path log = Path.of("target/account-service-test.log");
        assertTrue(Files.exists(log), "the test profile writes a log file");
        String content = Files.readString(log, StandardCharsets.UTF_8);
        assertFalse(content.contains(OPERATOR_PASSWORD), "operator password in the log");
        assertFalse(content.contains("Leak-Canary-77!"), "attempted password in the log");
    }

    static String header(ConsumerRecord<String, String> record, String name) {
        var h = record.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

}
