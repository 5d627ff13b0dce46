package vn.kyso.ca;

import static io.restassured.RestAssured.given;

import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;

import org.awaitility.Awaitility;

import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.smallrye.jwt.build.Jwt;
import vn.kyso.ca.model.AccountRecord;
import vn.kyso.ca.repository.AccountRecordRepository;
import vn.kyso.events.EventTypes;
import vn.kyso.events.account.AccountCreated;
import vn.kyso.events.credential.KeyPairActivated;
import vn.kyso.testsupport.InSession;
import vn.kyso.testsupport.TestEvents;

/** Accounts, tokens and API calls shared by the ca-service tests. */
final class CaTestSupport {

    private CaTestSupport() {
    }

    static String operatorToken() {
        return Jwt.issuer("https://kyso.vn/account").audience("kyso").subject(UUID.randomUUID().toString()).upn("operator")
                .groups("operator").sign();
    }

    static String subscriberToken(UUID accountId) {
        return Jwt.issuer("https://kyso.vn/account").audience("kyso").subject(accountId.toString()).upn("001203004567")
                .groups("subscriber").sign();
    }

    static String randomCccd() {
        return String.format("%012d", Math.floorMod(UUID.randomUUID().getLeastSignificantBits(), 1_000_000_000_000L));
    }

    /** Publishes AccountCreated and waits until ca-service's read model has the account. */
    static AccountCreated account(AccountRecordRepository accounts, String fullName) {
        AccountCreated account = new AccountCreated(UUID.randomUUID(), randomCccd(), "CCCD", fullName,
                "subscriber@example.vn", "+84912345678", "Hà Nội", "Cầu Giấy", "UNACTIVATED", Instant.now());
        TestEvents.publish(EventTypes.ACCOUNT_CREATED, account.accountId(), account);
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(
                () -> InSession.<AccountRecord>await(() -> accounts.findById(account.accountId())), a -> a != null);
        return account;
    }

    /**
     * A key signing-service generated in custody: announces it as signing-service does ({@code KeyPairActivated}),
     * waits until ca-service certified it, and returns the operator's request for that credential's key (answered with
     * the certificate already issued).
     */
    static Response inCustody(UUID accountId, byte[] csr) {
        UUID credential = UUID.randomUUID();
        TestEvents.publish(EventTypes.KEY_PAIR_ACTIVATED, credential, new KeyPairActivated(accountId, credential,
                "RSA-2048", Base64.getEncoder().encodeToString(csr), Instant.now()));
        String operator = operatorToken();
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> given().auth().oauth2(operator)
                .queryParam("accountId", accountId.toString()).get("/api/v1/certificates").then().extract()
                .jsonPath().getList("credentialId").contains(credential.toString()));
        return given().auth().oauth2(operator).contentType(ContentType.JSON)
                .body(Map.of("accountId", accountId.toString(), "credentialId", credential.toString(), "csr",
                        Base64.getEncoder().encodeToString(csr)))
                .post("/api/v1/certificates");
    }

    static Response issue(UUID accountId, byte[] csr, String token) {
        return given().auth().oauth2(token).contentType(ContentType.JSON)
                .body(Map.of("accountId", accountId.toString(), "csr", Base64.getEncoder().encodeToString(csr)))
                .post("/api/v1/certificates");
    }
}
