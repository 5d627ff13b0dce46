package vn.kyso.signing;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import vn.kyso.signing.crypto.TestDevice;
import vn.kyso.signing.model.AuditEntry;
import vn.kyso.signing.repository.AuditRepository;
import vn.kyso.testsupport.InSession;
import vn.kyso.testsupport.JwtKeysTestResource;
import vn.kyso.testsupport.KafkaTestResource;
import vn.kyso.testsupport.PostgresTestResource;

/** Credential events land in the hash-chained trail; an edited row is found by the operator's check. */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "signing"))
@WithTestResource(JwtKeysTestResource.class)
class AuditTrailTest {

    @Inject
    AuditRepository entries;

    @Test
    void credentialEventsAreChainedAndATamperedRowIsReported() {
        UUID account = UUID.randomUUID();
        String token = SigningTestSupport.subscriber(account);
        TestDevice device = new TestDevice();
        UUID credential = SigningTestSupport.create(token, device);
        String challenge = SigningTestSupport.challenge(token, credential);
        given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("currentPin", "975310", "newPin",
                "864209", "confirmPin", "864209", "challenge", challenge, "deviceSignature", device.sign(challenge)))
                .post("/api/v1/credentials/" + credential + "/pin").then().statusCode(400);

        List<AuditEntry> mine = InSession.await(() -> entries.list("aggregateId", credential.toString()));
        assertEquals(List.of("CredentialRegistered", "KeyPairActivated", "PinRefused"),
                mine.stream().map(e -> e.eventType).toList());
        mine.forEach(e -> assertFalse(e.detail.contains(SigningTestSupport.PIN) || e.detail.contains("975310"),
                "no PIN in the trail: " + e.detail));

        String operator = SigningTestSupport.operator();
        given().auth().oauth2(operator).get("/api/v1/audit/verify").then().statusCode(200)
                .body("intact", equalTo(true)).body("firstBroken", nullValue())
                .body("entries", greaterThanOrEqualTo(3));
        given().auth().oauth2(token).get("/api/v1/audit/verify").then().statusCode(403);

        AuditEntry victim = mine.get(1);
        update(victim.seq, "{\"keyAlgorithm\":\"EC-P256\"}");
        try {
            given().auth().oauth2(operator).get("/api/v1/audit/verify").then().statusCode(200)
                    .body("intact", equalTo(false)).body("firstBroken", equalTo((int) victim.seq));
        } finally {
            update(victim.seq, victim.detail);
        }
        assertTrue(given().auth().oauth2(operator).get("/api/v1/audit/verify").then().extract()
                .<Boolean>path("intact"), "restoring the row restores the chain");
    }

    private void update(long seq, String detail) {
        InSession.await(() -> Panache.withTransaction(() -> Panache.getSession().chain(s -> s
                .createNativeQuery("update audit_log set detail = :d where seq = :s").setParameter("d", detail)
                .setParameter("s", seq).executeUpdate())));
    }
}
