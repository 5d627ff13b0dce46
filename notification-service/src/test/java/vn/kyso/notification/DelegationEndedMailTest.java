package vn.kyso.notification;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import vn.kyso.events.EventTypes;
import vn.kyso.events.account.AccountCreated;
import vn.kyso.events.credential.DelegationEnded;
import vn.kyso.testsupport.InjectGreenMail;
import vn.kyso.testsupport.JwtKeysTestResource;
import vn.kyso.testsupport.KafkaTestResource;
import vn.kyso.testsupport.PostgresTestResource;
import vn.kyso.testsupport.SealingKeysTestResource;
import vn.kyso.testsupport.SmtpTestResource;
import vn.kyso.testsupport.TestEvents;
import vn.kyso.testsupport.VapidKeyTestResource;

/** Issue 18, finding 14: delegation switched off by wrong codes used to end silently; now the subscriber is mailed. */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "notification"))
@WithTestResource(SmtpTestResource.class)
@WithTestResource(SealingKeysTestResource.class)
@WithTestResource(ServicesStub.class)
@WithTestResource(JwtKeysTestResource.class)
@WithTestResource(VapidKeyTestResource.class)
class DelegationEndedMailTest {

    @InjectGreenMail
    GreenMail greenMail;

    @Test
    void theSubscriberIsToldOnceThatDelegationEndedAndWhy() throws Exception {
        AccountCreated account = new AccountCreated(UUID.randomUUID(), "079203005555", "CCCD", "Lê Minh Tâm",
                "tam-" + UUID.randomUUID() + "@example.vn", "+84912345678", "Hà Nội", "Cầu Giấy", "ACTIVE",
                Instant.now());
        TestEvents.publish(EventTypes.ACCOUNT_CREATED, account.accountId(), account);
        UUID credential = UUID.randomUUID();
        DelegationEnded ended = new DelegationEnded(account.accountId(), credential, "TOO_MANY_WRONG_CODES",
                Instant.parse("2026-12-05T02:10:00Z"));
        String eventId = TestEvents.publish(EventTypes.DELEGATION_ENDED, credential, ended);
        TestEvents.publish(EventTypes.DELEGATION_ENDED, credential, ended, eventId);

        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> notices(account.email()).size() == 1);
        MimeMessage mail = notices(account.email()).get(0);
        String body = GreenMailUtil.getBody(mail);
        assertTrue(body.contains("5 m=C3=A3 OTP sai") || body.contains("5 mã OTP sai"), "the reason, in Vietnamese");
        assertTrue(body.contains("five wrong OTP codes in a row"), "the reason, in English");
        assertTrue(body.contains("09:10 05/12/2026 (GMT+7)"), "the time, in Vietnam's time");
        assertTrue(body.contains("079203005555"));
        // A later mail on the same key proves the duplicate event was judged: still one notice.
        TestEvents.publish(EventTypes.DELEGATION_ENDED, credential, new DelegationEnded(account.accountId(), credential,
                "TURNED_OFF", Instant.now()));
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> notices(account.email()).size() == 2);
        assertEquals(1, notices(account.email()).stream().filter(m -> {
            try {
                return GreenMailUtil.getBody(m).contains("five wrong OTP codes");
            } catch (RuntimeException e) {
                return false;
            }
        }).count(), "the redelivered event sent nothing");
        assertTrue(GreenMailUtil.getBody(notices(account.email()).get(1)).contains("you switched it off yourself"));
    }

    private List<MimeMessage> notices(String email) throws Exception {
        return Arrays.stream(greenMail.getReceivedMessages()).filter(m -> {
            try {
                return Arrays.stream(m.getRecipients(Message.RecipientType.TO))
                        .anyMatch(a -> a.toString().equals(email)) && m.getSubject().contains("OTP");
            } catch (jakarta.mail.MessagingException e) {
                return false;
            }
        }).toList();
    }
}
