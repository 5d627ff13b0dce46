package vn.kyso.activation;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.smallrye.jwt.build.Jwt;
import jakarta.inject.Inject;
import vn.kyso.activation.model.Activation;
import vn.kyso.activation.repository.ActivationRepository;
import vn.kyso.commons.crypto.Pem;
import vn.kyso.commons.crypto.SecretSealing;
import vn.kyso.events.EventCodec;
import vn.kyso.events.EventTypes;
import vn.kyso.events.Topics;
import vn.kyso.events.account.AccountCreated;
import vn.kyso.events.notification.ActivationEmailRequested;
import vn.kyso.testsupport.InSession;
import vn.kyso.testsupport.JwtKeysTestResource;
import vn.kyso.testsupport.KafkaTestResource;
import vn.kyso.testsupport.PostgresTestResource;
import vn.kyso.testsupport.SealingKeysTestResource;
import vn.kyso.testsupport.TopicReader;

@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "activation"))
@WithTestResource(SealingKeysTestResource.class)
@WithTestResource(JwtKeysTestResource.class)
@WithTestResource(AccountServiceStub.class)
class ActivationVerifyTest {

    static final String PASSWORD = "Kyso-Mat-Khau-2026!";

    @Inject
    ActivationRepository activations;

    @Inject
    TestClock clock;

    @ConfigProperty(name = "kyso.test.sealing.private-key-location")
    String sealingPrivateKey;

    @ConfigProperty(name = "kyso.test.account-stub.url")
    String stubUrl;

    record Pending(UUID accountId, String identifier, UUID activationId, String code) {
    }

    @AfterEach
    void realTime() {
        clock.reset();
    }

    @Test
    void step1SetsThePasswordOnceAndMovesTheWizardToThePin() {
        Pending p = newAccount();
        verify(p.identifier(), p.code(), PASSWORD, PASSWORD, true)
                .statusCode(200)
                .body("activationId", equalTo(p.activationId().toString()))
                .body("step", equalTo("PIN"))
                .body("token_type", equalTo("Bearer"))
                .body("access_token", equalTo("subscriber-token-for-" + p.accountId()));
        assertEquals("1", given().get(stubUrl + "/stub/passwords/" + p.accountId()).asString());

        // The code is single-use: a replayed verify changes nothing.
        verify(p.identifier(), p.code(), PASSWORD, PASSWORD, true)
                .statusCode(400).body("code", equalTo("ACTIVATION_CODE_INVALID"));
        assertEquals("1", given().get(stubUrl + "/stub/passwords/" + p.accountId()).asString());

        String token = Jwt.issuer("https://kyso.vn/account").audience("kyso").subject(p.accountId().toString())
                .groups(Set.of("subscriber")).expiresIn(300).sign();
        given().auth().oauth2(token).get("/api/v1/activation/status")
                .then().statusCode(200)
                .body("state", equalTo("PASSWORD_SET"))
                .body("step", equalTo(2))
                .body("totalSteps", equalTo(4));
        given().get("/api/v1/activation/status").then().statusCode(401).contentType("application/problem+json");
    }

    @Test
    void fiveWrongCodesLockTheActivationAndAResendUnlocksWithANewCode() {
        Pending p = newAccount();
        String wrong = p.code().equals("000000") ? "000001" : "000000";
        for (int i = 1; i <= 4; i++) {
            verify(p.identifier(), wrong, PASSWORD, PASSWORD, true)
                    .statusCode(400).contentType("application/problem+json")
                    .body("code", equalTo("ACTIVATION_CODE_INVALID"));
        }
        verify(p.identifier(), wrong, PASSWORD, PASSWORD, true).statusCode(423).body("code", equalTo("ACTIVATION_LOCKED"));
        verify(p.identifier(), p.code(), PASSWORD, PASSWORD, true).statusCode(423);

        given().contentType(ContentType.JSON).body("{\"identifier\":\"" + p.identifier() + "\"}")
                .post("/api/v1/activation/resend").then().statusCode(202);
        String newCode = awaitCode(p.accountId(), p.activationId(), 2);
        verify(p.identifier(), p.code(), PASSWORD, PASSWORD, true)
                .statusCode(400).body("code", equalTo("ACTIVATION_CODE_INVALID"));
        verify(p.identifier(), newCode, PASSWORD, PASSWORD, true).statusCode(200);
    }

    @Test
    void anOperatorUnlocksALockedActivationWithANewCode() {
        Pending p = newAccount();
        String wrong = p.code().equals("222222") ? "222223" : "222222";
        for (int i = 1; i <= 5; i++) {
            verify(p.identifier(), wrong, PASSWORD, PASSWORD, true);
        }
        verify(p.identifier(), p.code(), PASSWORD, PASSWORD, true).statusCode(423);
        String subscriber = Jwt.issuer("https://kyso.vn/account").audience("kyso").subject(p.accountId().toString())
                .groups(Set.of("subscriber")).expiresIn(300).sign();
        given().auth().oauth2(subscriber).post("/api/v1/activation/" + p.accountId() + "/reissue-code")
                .then().statusCode(403);
        String operator = Jwt.issuer("https://kyso.vn/account").audience("kyso").subject(UUID.randomUUID().toString())
                .groups(Set.of("operator")).expiresIn(300).sign();
        given().auth().oauth2(operator).post("/api/v1/activation/" + UUID.randomUUID() + "/reissue-code")
                .then().statusCode(404).body("code", equalTo("ACTIVATION_NOT_FOUND"));
        given().auth().oauth2(operator).post("/api/v1/activation/" + p.accountId() + "/reissue-code")
                .then().statusCode(202);
        String newCode = awaitCode(p.accountId(), p.activationId(), 2);
        verify(p.identifier(), newCode, PASSWORD, PASSWORD, true).statusCode(200);
        given().auth().oauth2(operator).post("/api/v1/activation/" + p.accountId() + "/reissue-code")
                .then().statusCode(409).body("code", equalTo("ACTIVATION_PAST_STEP_1"));
    }

    @Test
    void unknownIdentifiersAnswerExactlyLikeWrongCodes() {
        Pending p = newAccount();
        String wrong = p.code().equals("111111") ? "111112" : "111111";
        String unknown = String.format("%012d", Math.abs(UUID.randomUUID().getMostSignificantBits() % 1_000_000_000_000L));
        for (int i = 1; i <= 6; i++) {
            Map<String, Object> real = verify(p.identifier(), wrong, PASSWORD, PASSWORD, true).extract().as(Map.class);
            Map<String, Object> fake = verify(unknown, wrong, PASSWORD, PASSWORD, true).extract().as(Map.class);
            real.remove("instance");
            fake.remove("instance");
            assertEquals(real, fake, "attempt " + i);
        }
        given().contentType(ContentType.JSON).body("{\"identifier\":\"" + unknown + "\"}")
                .post("/api/v1/activation/resend").then().statusCode(202);
    }

    @Test
    void anActivatedAccountAndAnUnknownIdentifierAnswerAlikeThroughLockAndResend() {
        Pending p = newAccount();
        verify(p.identifier(), p.code(), PASSWORD, PASSWORD, true).statusCode(200);
        String activated = p.identifier();
        String unknown = String.format("%012d", Math.abs(UUID.randomUUID().getMostSignificantBits() % 1_000_000_000_000L));
        String wrong = "123450";
        for (int i = 1; i <= 5; i++) {
            assertSameAnswer(activated, unknown, wrong, "attempt " + i);
        }
        for (String identifier : List.of(activated, unknown)) {
            given().contentType(ContentType.JSON).body("{\"identifier\":\"" + identifier + "\"}")
                    .post("/api/v1/activation/resend").then().statusCode(202);
        }
        // Before: the decoy unlocked on resend while an activated account stayed locked (423 against 400).
        assertSameAnswer(activated, unknown, wrong, "after a resend");
    }

    @Test
    void theFailureBudgetSurvivesResendsForRealAndUnknownIdentifiersAlike() {
        Pending p = newAccount();
        String unknown = String.format("%012d", Math.abs(UUID.randomUUID().getMostSignificantBits() % 1_000_000_000_000L));
        String code = p.code();
        int issued = 1;
        for (int round = 1; round <= 3; round++) {
            String wrong = code.equals("654320") ? "654321" : "654320";
            for (int i = 1; i <= 5; i++) {
                assertSameAnswer(p.identifier(), unknown, wrong, "round " + round + " attempt " + i);
            }
            for (String identifier : List.of(p.identifier(), unknown)) {
                given().contentType(ContentType.JSON).body("{\"identifier\":\"" + identifier + "\"}")
                        .post("/api/v1/activation/resend").then().statusCode(202);
            }
            code = awaitCode(p.accountId(), p.activationId(), ++issued);
        }
        // 15 wrong codes in all: a resend no longer unlocks, even the right, freshly mailed code is refused.
        verify(p.identifier(), code, PASSWORD, PASSWORD, true).statusCode(423).body("code", equalTo("ACTIVATION_LOCKED"));
        assertSameAnswer(p.identifier(), unknown, "000001".equals(code) ? "000002" : "000001", "budget spent");
        assertEquals("0", given().get(stubUrl + "/stub/passwords/" + p.accountId()).asString(), "no password was set");
        // The help desk's new code brings a fresh budget for the rightful owner.
        String operator = Jwt.issuer("https://kyso.vn/account").audience("kyso").subject(UUID.randomUUID().toString())
                .groups(Set.of("operator")).expiresIn(300).sign();
        given().auth().oauth2(operator).post("/api/v1/activation/" + p.accountId() + "/reissue-code")
                .then().statusCode(202);
        verify(p.identifier(), awaitCode(p.accountId(), p.activationId(), ++issued), PASSWORD, PASSWORD, true)
                .statusCode(200);
    }

    @SuppressWarnings("unchecked")
    private void assertSameAnswer(String real, String unknown, String code, String when) {
        Map<String, Object> a = verify(real, code, PASSWORD, PASSWORD, true).extract().as(Map.class);
        Map<String, Object> b = verify(unknown, code, PASSWORD, PASSWORD, true).extract().as(Map.class);
        a.remove("instance");
        b.remove("instance");
        assertEquals(a, b, when);
    }

    @Test
    void aCodeOnlyWorksForItsOwnIdentifier() {
        Pending mine = newAccount();
        Pending other = newAccount();
        // Two random codes coincide once in a million runs; the test proves nothing then, so it does not judge.
        org.junit.jupiter.api.Assumptions.assumeFalse(mine.code().equals(other.code()));
        verify(other.identifier(), mine.code(), PASSWORD, PASSWORD, true)
                .statusCode(400).body("code", equalTo("ACTIVATION_CODE_INVALID"));
        assertEquals("0", given().get(stubUrl + "/stub/passwords/" + other.accountId()).asString());
        verify(mine.identifier(), mine.code(), PASSWORD, PASSWORD, true).statusCode(200);
    }

    @Test
    void anExpiredCodeIsRefusedClearly() {
        Pending p = newAccount();
        clock.advance(Duration.ofHours(72).plusMinutes(1));
        verify(p.identifier(), p.code(), PASSWORD, PASSWORD, true)
                .statusCode(400).body("code", equalTo("ACTIVATION_CODE_EXPIRED"));
        assertEquals("0", given().get(stubUrl + "/stub/passwords/" + p.accountId()).asString());
    }

    @Test
    void badFieldsAreListedAndChangeNothing() {
        Pending p = newAccount();
        verify(p.identifier(), p.code(), "weak", "weak", true)
                .statusCode(400).body("code", equalTo("VALIDATION_FAILED")).body("errors.field", hasItem("password"));
        verify(p.identifier(), p.code(), PASSWORD, PASSWORD + "x", true)
                .statusCode(400).body("errors.field", hasItem("confirmPassword"));
        verify(p.identifier(), p.code(), PASSWORD, PASSWORD, false)
                .statusCode(400).body("errors.field", hasItem("acceptTerms"));
        verify(p.identifier(), "12ab", "Ab1!" + p.identifier(), null, null)
                .statusCode(400).body("errors.field", hasItems("activationCode", "password", "confirmPassword",
                        "acceptTerms"));
        given().contentType(ContentType.JSON).body("{\"identifier\":1}").post("/api/v1/activation/verify")
                .then().statusCode(400).body("code", equalTo("MALFORMED_REQUEST"));

        Activation a = InSession.await(() -> activations.findById(p.activationId()));
        assertEquals(0, a.failedAttempts, "validation failures are not code attempts");
        assertEquals("CODE_SENT", a.state.name());
        verify(p.identifier(), p.code(), PASSWORD, PASSWORD, true).statusCode(200);
    }

    @Test
    void resendsAreLimitedToThreePerHourAndEachKillsThePreviousCode() {
        Pending p = newAccount();
        String previous = p.code();
        for (int i = 1; i <= 3; i++) {
            given().contentType(ContentType.JSON).body("{\"identifier\":\"" + p.identifier() + "\"}")
                    .post("/api/v1/activation/resend").then().statusCode(202);
            String next = awaitCode(p.accountId(), p.activationId(), i + 1);
            assertNotEquals(null, next);
            previous = next;
        }
        given().contentType(ContentType.JSON).body("{\"identifier\":\"" + p.identifier() + "\"}")
                .post("/api/v1/activation/resend").then().statusCode(429).body("code", equalTo("TOO_MANY_RESENDS"));
        verify(p.identifier(), p.code(), PASSWORD, PASSWORD, true).statusCode(400);
        verify(p.identifier(), previous, PASSWORD, PASSWORD, true).statusCode(200);
    }

    private static ValidatableResponse verify(String identifier, String code, String password, String confirm,
            Boolean terms) {
        String body = "{\"identifier\":" + q(identifier) + ",\"activationCode\":" + q(code) + ",\"password\":"
                + q(password) + ",\"confirmPassword\":" + q(confirm) + ",\"acceptTerms\":" + terms + "}";
        return given().contentType(ContentType.JSON).body(body).post("/api/v1/activation/verify").then();
    }

    private static String q(String s) {
        return s == null ? "null" : "\"" + s + "\"";
    }

    private Pending newAccount() {
        AccountCreated account = new AccountCreated(UUID.randomUUID(), String.format("%012d",
                Math.abs(UUID.randomUUID().getLeastSignificantBits() % 1_000_000_000_000L)), "CCCD", "Hồ Xuân Hương",
                "huong-" + UUID.randomUUID() + "@example.vn", "+84912345678", "Nghệ An", "Quỳnh Lưu", "UNACTIVATED",
                Instant.now());
        TopicReader.send(Topics.ACCOUNT_EVENTS, account.accountId().toString(), EventCodec.toJson(account), Map.of(
                "ce_id", UUID.randomUUID().toString(), "ce_type", EventTypes.ACCOUNT_CREATED.type(),
                "ce_specversion", "1.0", "ce_source", "/kyso/account-service"));
        List<ConsumerRecord<String, String>> requests = TopicReader.awaitRecords(Topics.NOTIFICATION_REQUESTS,
                r -> account.accountId().toString().equals(r.key()), 1, Duration.ofSeconds(30));
        ActivationEmailRequested command = EventCodec.fromJson(requests.get(0).value(), ActivationEmailRequested.class);
        return new Pending(account.accountId(), account.identifier(), command.activationId(),
                open(command));
    }

    /** Waits for the n-th code emailed for the account and returns it. */
    private String awaitCode(UUID accountId, UUID activationId, int n) {
        List<ConsumerRecord<String, String>> requests = TopicReader.awaitRecords(Topics.NOTIFICATION_REQUESTS,
                r -> accountId.toString().equals(r.key()), n, Duration.ofSeconds(30));
        assertEquals(n, requests.size());
        ActivationEmailRequested command = EventCodec.fromJson(requests.get(n - 1).value(), ActivationEmailRequested.class);
        assertEquals(activationId, command.activationId());
        return open(command);
    }

    private String open(ActivationEmailRequested command) {
        return new String(SecretSealing.open(command.sealedCode(), ActivationEmailRequested.codeContext(
                command.activationId()), Pem.rsaPrivateKey(sealingPrivateKey)), StandardCharsets.US_ASCII);
    }
}
