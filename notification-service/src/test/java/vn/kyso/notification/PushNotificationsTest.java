package vn.kyso.notification;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.restassured.http.ContentType;
import io.smallrye.jwt.build.Jwt;
import jakarta.inject.Inject;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import vn.kyso.commons.delivery.DeliveryRepository;
import vn.kyso.events.EventTypes;
import vn.kyso.events.account.AccountCreated;
import vn.kyso.events.certificate.CertificateRevoked;
import vn.kyso.events.certificate.CertificateSuspended;
import vn.kyso.events.signature.SignatureRequested;
import vn.kyso.testsupport.InjectGreenMail;
import vn.kyso.testsupport.JwtKeysTestResource;
import vn.kyso.testsupport.KafkaTestResource;
import vn.kyso.testsupport.PostgresTestResource;
import vn.kyso.testsupport.SealingKeysTestResource;
import vn.kyso.testsupport.SmtpTestResource;
import vn.kyso.testsupport.TestEvents;
import vn.kyso.testsupport.TestPushService;
import vn.kyso.testsupport.VapidKeyTestResource;

/**
 * Issue 21 §1: a waiting request reaches the subscriber's browser as a Web Push message — VAPID-signed, encrypted to
 * the browser's keys, checked and decrypted by a push service on a real socket that shares no code with the sender —
 * and by mail; channels follow the subscriber's choice, except that security notices always go by mail.
 */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "notification"))
@WithTestResource(SmtpTestResource.class)
@WithTestResource(SealingKeysTestResource.class)
@WithTestResource(ServicesStub.class)
@WithTestResource(JwtKeysTestResource.class)
@WithTestResource(VapidKeyTestResource.class)
class PushNotificationsTest {

    private static final TestPushService PUSH = new TestPushService();
    private static final ObjectMapper JSON = new ObjectMapper();

    @InjectGreenMail
    GreenMail greenMail;

    @Inject
    DeliveryRepository deliveries;

    @AfterAll
    static void stop() {
        PUSH.close();
    }

    @Test
    void aWaitingRequestArrivesEncryptedInTheBrowserAndByMailOnce() throws Exception {
        AccountCreated account = account();
        String key = given().get("/api/v1/push/key").then().statusCode(200).extract().path("publicKey");
        TestPushService.Subscription browser = PUSH.subscribe();
        given().auth().oauth2(token(account.accountId())).contentType(ContentType.JSON).body(browser.json())
                .post("/api/v1/push/subscriptions").then().statusCode(201)
                .body("pushService", equalTo("127.0.0.1"));

        UUID tx = UUID.randomUUID();
        Instant deadline = Instant.now().plusSeconds(300);
        SignatureRequested requested = new SignatureRequested(tx, account.accountId(), UUID.randomUUID(), "SP",
                "sp-hoadon", "Hóa đơn ABC", "Hóa đơn GTGT số 0001234", 2, Instant.now(), deadline, true);
        String eventId = TestEvents.publish(EventTypes.SIGNATURE_REQUESTED, tx, requested);
        TestEvents.publish(EventTypes.SIGNATURE_REQUESTED, tx, requested, eventId);

        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> PUSH.receivedFor(browser).size() == 1);
        TestPushService.Received message = PUSH.receivedFor(browser).get(0);
        JsonNode claims = PUSH.verifyVapid(message, key);
        assertTrue(claims.path("sub").asText().startsWith("mailto:"));
        JsonNode shown = JSON.readTree(new String(TestPushService.decrypt(message, browser), StandardCharsets.UTF_8));
        assertEquals("SIGNATURE_REQUESTED", shown.path("kind").asText());
        // The integrator's first request (issue 21 §4) says so, with the way to refuse it for good.
        assertEquals("Yêu cầu đầu tiên từ Hóa đơn ABC", shown.path("title").asText());
        assertTrue(shown.path("body").asText().contains("Hóa đơn GTGT số 0001234"), shown.toString());
        assertTrue(shown.path("body").asText().endsWith("Không biết ứng dụng này? Hãy chặn nó."), shown.toString());
        assertEquals("/?request=" + tx, shown.path("url").asText(), "tapping opens the approval");
        int ttl = Integer.parseInt(message.headers().get("ttl"));
        assertTrue(ttl > 0 && ttl <= 300, "kept no longer than the request waits: " + ttl);
        assertEquals("high", message.headers().get("urgency"));

        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> mails(account.email(), "Yêu cầu ký số").size() == 1);
        String body = GreenMailUtil.getBody(mails(account.email(), "Yêu cầu ký số").get(0));
        assertTrue(body.contains("Hóa đơn GTGT số 0001234") || body.contains("H=C3=B3a =C4=91=C6=A1n"), body);
        String shownMail = Inbox.text(mails(account.email(), "Yêu cầu ký số").get(0));
        assertTrue(shownMail.contains("Đây là yêu cầu đầu tiên Hóa đơn ABC gửi Quý khách")
                && shownMail.contains("This is the first request Hóa đơn ABC sends you"), shownMail);

        // The subscriber's own document (asked for in the portal) is not announced; the next integrator request is.
        UUID own = UUID.randomUUID();
        TestEvents.publish(EventTypes.SIGNATURE_REQUESTED, own, new SignatureRequested(own, account.accountId(),
                UUID.randomUUID(), "SUBSCRIBER", account.accountId().toString(), "Kyso", "my.pdf", 1, Instant.now(),
                deadline));
        UUID next = UUID.randomUUID();
        // A request already over when it is read (old events replayed) is not announced; under the next one's key, so
        // it is read before the next one.
        String stale = TestEvents.publish(EventTypes.SIGNATURE_REQUESTED, next, new SignatureRequested(UUID.randomUUID(),
                account.accountId(), UUID.randomUUID(), "SP", "sp-hoadon", "Hóa đơn ABC", "Hóa đơn cũ", 1,
                Instant.now().minusSeconds(600), Instant.now().minusSeconds(300)));
        TestEvents.publish(EventTypes.SIGNATURE_REQUESTED, next, new SignatureRequested(next, account.accountId(),
                UUID.randomUUID(), "SP", "sp-hoadon", "Hóa đơn ABC", "Hóa đơn số 2", 1, Instant.now(), deadline));
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> PUSH.receivedFor(browser).size() == 2);
        JsonNode second = JSON.readTree(TestPushService.decrypt(PUSH.receivedFor(browser).get(1), browser));
        assertEquals("/?request=" + next, second.path("url").asText(), "the own document was skipped");
        assertEquals("Yêu cầu ký số từ Hóa đơn ABC", second.path("title").asText(), "not a first request");
        // Read before the next one (same key), so its consumer transaction has committed: nothing was queued for it.
        Long queued = vn.kyso.testsupport.InSession.<Long>await(() -> io.quarkus.hibernate.reactive.panache.Panache
                .getSession().chain(session -> session.createNativeQuery("select count(*) from kyso_delivery where "
                        + "reference like :r", Long.class).setParameter("r", stale + ":%").getSingleResult()));
        assertEquals(0L, queued.longValue(), "the request that was over was neither pushed nor mailed");
    }

    @Test
    void channelsFollowTheChoiceButSecurityNoticesAlwaysMail() throws Throwable {
        AccountCreated account = account();
        String token = token(account.accountId());
        TestPushService.Subscription browser = PUSH.subscribe();
        given().auth().oauth2(token).contentType(ContentType.JSON).body(browser.json())
                .post("/api/v1/push/subscriptions").then().statusCode(201);

        given().auth().oauth2(token).contentType(ContentType.JSON)
                .body(Map.of("preferences", List.of(Map.of("kind", "CERTIFICATE_SUSPENDED", "push", true,
                        "mail", false))))
                .put("/api/v1/notification-preferences").then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", hasItem("preferences.CERTIFICATE_SUSPENDED"));
        given().auth().oauth2(token).contentType(ContentType.JSON)
                .body(Map.of("preferences", List.of(Map.of("kind", "SIGNATURE_REQUESTED", "push", true,
                        "mail", false), Map.of("kind", "CERTIFICATE_REVOKED", "push", false, "mail", true))))
                .put("/api/v1/notification-preferences").then().statusCode(200)
                .body("preferences.find { it.kind == 'SIGNATURE_REQUESTED' }.mail", equalTo(false))
                .body("preferences.find { it.kind == 'CERTIFICATE_SUSPENDED' }.mail", equalTo(true))
                .body("preferences.find { it.kind == 'CERTIFICATE_SUSPENDED' }.security", equalTo(true));

        UUID tx = UUID.randomUUID();
        String requestEvent = TestEvents.publish(EventTypes.SIGNATURE_REQUESTED, tx, new SignatureRequested(tx,
                account.accountId(), UUID.randomUUID(), "SP", "sp", "App", "Hợp đồng", 1, Instant.now(),
                Instant.now().plusSeconds(300)));
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> PUSH.receivedFor(browser).size() == 1);
        // The push and any mail are queued in one transaction, committed before the push left: no mail was queued.
        assertEquals(0L, queued("mail", requestEvent), "push only, as chosen");

        UUID credential = UUID.randomUUID();
        TestEvents.publish(EventTypes.CERTIFICATE_SUSPENDED, credential, new CertificateSuspended(account.accountId(),
                credential, "0A1B2C", Instant.parse("2026-12-06T03:00:00Z")));
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> PUSH.receivedFor(browser).size() == 2
                && mails(account.email(), "tạm dừng").size() == 1);
        assertTrue(GreenMailUtil.getBody(mails(account.email(), "tạm dừng").get(0)).contains("10:00 06/12/2026"));
        JsonNode held = JSON.readTree(TestPushService.decrypt(PUSH.receivedFor(browser).get(1), browser));
        assertEquals("CERTIFICATE_SUSPENDED", held.path("kind").asText());

        String revokeEvent = TestEvents.publish(EventTypes.CERTIFICATE_REVOKED, credential, new CertificateRevoked(
                account.accountId(), credential, "0A1B2C", "keyCompromise", Instant.now()));
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> mails(account.email(), "thu hồi").size() == 1);
        assertTrue(GreenMailUtil.getBody(mails(account.email(), "thu hồi").get(0))
                .contains("the signing key may have been exposed"));
        assertEquals(0L, queued("push", revokeEvent), "mail only, as chosen");
    }

    @Test
    void aSubscriptionIsRefusedUnlessItNamesAPushServiceAndValidKeys() {
        AccountCreated account = account();
        String token = token(account.accountId());
        TestPushService.Subscription browser = PUSH.subscribe();
        given().contentType(ContentType.JSON).body(browser.json()).post("/api/v1/push/subscriptions").then()
                .statusCode(401);
        for (String endpoint : List.of("https://attacker.example/push/1", "http://fcm.googleapis.com/fcm/send/x",
                "https://169.254.169.254/latest", "http://10.0.0.8:8080/internal", "file:///etc/passwd")) {
            given().auth().oauth2(token).contentType(ContentType.JSON)
                    .body(Map.of("endpoint", endpoint, "keys", browser.json().get("keys")))
                    .post("/api/v1/push/subscriptions").then().statusCode(400)
                    .contentType("application/problem+json").body("errors.field", hasItem("endpoint"));
        }
        given().auth().oauth2(token).contentType(ContentType.JSON)
                .body(Map.of("endpoint", browser.endpoint(), "keys", Map.of("p256dh", "AAAA", "auth", "BBBB")))
                .post("/api/v1/push/subscriptions").then().statusCode(400).body("errors.field", hasItem("keys"));
        given().auth().oauth2(token).get("/api/v1/push/subscriptions").then().statusCode(200)
                .body("size()", equalTo(0));

        String id = given().auth().oauth2(token).contentType(ContentType.JSON).body(browser.json())
                .post("/api/v1/push/subscriptions").then().statusCode(201).extract().path("subscriptionId");
        given().auth().oauth2(token(UUID.randomUUID())).delete("/api/v1/push/subscriptions/" + id).then()
                .statusCode(404);
        given().auth().oauth2(token).get("/api/v1/push/subscriptions").then().body("size()", equalTo(1));
    }

    @Test
    void aBrowserThatUnsubscribedIsForgottenWhenItsPushServiceAnswersGone() throws Exception {
        AccountCreated account = account();
        String token = token(account.accountId());
        TestPushService.Subscription browser = PUSH.subscribe();
        given().auth().oauth2(token).contentType(ContentType.JSON).body(browser.json())
                .post("/api/v1/push/subscriptions").then().statusCode(201);
        PUSH.expire(browser);
        UUID tx = UUID.randomUUID();
        TestEvents.publish(EventTypes.SIGNATURE_REQUESTED, tx, new SignatureRequested(tx, account.accountId(),
                UUID.randomUUID(), "SP", "sp", "App", "Tờ khai", 1, Instant.now(), Instant.now().plusSeconds(300)));
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> given().auth().oauth2(token)
                .get("/api/v1/push/subscriptions").then().extract().jsonPath().getList("$").isEmpty());
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> mails(account.email(), "Yêu cầu ký số").size() == 1);
    }

    private static AccountCreated account() {
        AccountCreated account = new AccountCreated(UUID.randomUUID(), "0792030" + (10000 + (int) (Math.random() * 89999)),
                "CCCD", "Phạm Thu Hà", "ha-" + UUID.randomUUID() + "@example.vn", "+84912345678", "Hà Nội", "Đống Đa",
                "ACTIVE", Instant.now());
        TestEvents.publish(EventTypes.ACCOUNT_CREATED, account.accountId(), account);
        return account;
    }

    private static String token(UUID account) {
        return Jwt.issuer("https://kyso.vn/account").audience("kyso").subject(account.toString()).upn("subscriber")
                .groups("subscriber").sign();
    }

    private long queued(String channel, String eventId) throws Throwable {
        return VertxContextSupport.subscribeAndAwait(() -> Panache.withSession(() -> deliveries.count(
                "channel = ?1 and reference like ?2", channel, eventId + ":%")));
    }

    private List<MimeMessage> mails(String email, String subject) {
        return Inbox.mails(greenMail, email, subject);
    }
}
