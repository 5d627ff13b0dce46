package vn.kyso.notification;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import vn.kyso.events.EventTypes;
import vn.kyso.events.account.AccountCreated;
import vn.kyso.events.certificate.CertificateIssued;
import vn.kyso.events.certificate.CertificateRevoked;
import vn.kyso.testsupport.InjectGreenMail;
import vn.kyso.testsupport.JwtKeysTestResource;
import vn.kyso.testsupport.KafkaTestResource;
import vn.kyso.testsupport.PostgresTestResource;
import vn.kyso.testsupport.SealingKeysTestResource;
import vn.kyso.testsupport.SmtpTestResource;
import vn.kyso.testsupport.TestEvents;
import vn.kyso.testsupport.VapidKeyTestResource;

/** Issue 21 §1: a certificate's coming expiry is mailed 30, 7 and 1 days before, once each, never after revocation. */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "notification"))
@WithTestResource(SmtpTestResource.class)
@WithTestResource(SealingKeysTestResource.class)
@WithTestResource(ServicesStub.class)
@WithTestResource(JwtKeysTestResource.class)
@WithTestResource(VapidKeyTestResource.class)
class ExpiryNoticesTest {

    @InjectGreenMail
    GreenMail greenMail;

    @Inject
    TestClock clock;

    @AfterEach
    void realTime() {
        clock.reset();
    }

    @Test
    void expiryIsAnnouncedAtEachThresholdOnceAndNotForARevokedCertificate() throws Exception {
        AccountCreated account = new AccountCreated(UUID.randomUUID(), "079203007777", "CCCD", "Đỗ Văn Hạn",
                "han-" + UUID.randomUUID() + "@example.vn", "+84912345678", "Huế", "Phú Hội", "ACTIVE", Instant.now());
        TestEvents.publish(EventTypes.ACCOUNT_CREATED, account.accountId(), account);
        Instant now = Instant.now();
        String soon = issue(account, now.plus(Duration.ofDays(6)).plus(Duration.ofHours(12)));
        String later = issue(account, now.plus(Duration.ofDays(40)));
        String revoked = issue(account, now.plus(Duration.ofDays(45)));
        UUID credential = UUID.randomUUID();
        // Keyed by serial number, as ca-service keys a certificate's events: its issue and its revocation share a
        // partition, so they arrive in order (on two partitions one poll may hold them in either order).
        TestEvents.publish(EventTypes.CERTIFICATE_REVOKED, revoked, new CertificateRevoked(account.accountId(),
                credential, revoked, "superseded", now));

        // Seen inside 7 days: the 7-day notice only, not the 30-day one it also passed.
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> expiring(account.email(), soon).size() == 1);
        String first = GreenMailUtil.getBody(expiring(account.email(), soon).get(0));
        assertTrue(first.contains("trong vòng 7 ngày") || first.contains("within the next 7 day(s)"), first);

        clock.advance(Duration.ofDays(6));
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> expiring(account.email(), soon).size() == 2);
        assertTrue(GreenMailUtil.getBody(expiring(account.email(), soon).get(1)).contains("within the next 1 day(s)"));

        // 40 days out is now 34: nothing yet. Fifteen more days: the 30-day notice; the revoked one stays silent.
        clock.advance(Duration.ofDays(15));
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> expiring(account.email(), later).size() == 1);
        assertTrue(GreenMailUtil.getBody(expiring(account.email(), later).get(0)).contains("within the next 30 day(s)"));
        assertEquals(0, expiring(account.email(), revoked).size(), "a revoked certificate announces no expiry");
        assertEquals(2, expiring(account.email(), soon).size(), "once per threshold, past expiry nothing");
    }

    @Test
    void aSecondCertificateIsAnnouncedAsARenewalAndTheSupersededOneIsNotMailedAsRevoked() throws Exception {
        AccountCreated account = new AccountCreated(UUID.randomUUID(), "079203008888", "CCCD", "Lý Gia Hạn",
                "renew-" + UUID.randomUUID() + "@example.vn", "+84912345678", "Huế", "Phú Hội", "ACTIVE",
                Instant.now());
        TestEvents.publish(EventTypes.ACCOUNT_CREATED, account.accountId(), account);
        String first = issue(account, Instant.now().plus(Duration.ofDays(365)));
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> Inbox.mails(greenMail, account.email(),
                "Chứng thư số mới đã được cấp").size() == 1);
        String second = issue(account, Instant.now().plus(Duration.ofDays(730)));
        UUID credential = UUID.randomUUID();
        TestEvents.publish(EventTypes.CERTIFICATE_REVOKED, first, new CertificateRevoked(account.accountId(),
                credential, first, "superseded", Instant.now()));
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> Inbox.mails(greenMail, account.email(),
                "gia hạn").size() == 1);
        assertTrue(GreenMailUtil.getBody(Inbox.mails(greenMail, account.email(), "gia hạn").get(0)).contains(second));
        // Something mailed after the revocation was read, to know it sent nothing: a security notice of this account.
        TestEvents.publish(EventTypes.CERTIFICATE_REVOKED, second, new CertificateRevoked(account.accountId(),
                credential, second, "keyCompromise", Instant.now()));
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> Inbox.mails(greenMail, account.email(),
                "thu hồi").size() == 1);
        assertTrue(GreenMailUtil.getBody(Inbox.mails(greenMail, account.email(), "thu hồi").get(0)).contains(second),
                "only the revocation for cause, not the supersession");
    }

    private static String issue(AccountCreated account, Instant notAfter) {
        UUID credential = UUID.randomUUID();
        String serial = Long.toHexString(Double.doubleToLongBits(Math.random())).toUpperCase();
        TestEvents.publish(EventTypes.CERTIFICATE_ISSUED, serial, new CertificateIssued(account.accountId(),
                credential, serial, "MIIB", List.of(), Instant.now(), notAfter, Instant.now()));
        return serial;
    }

    private List<MimeMessage> expiring(String email, String serial) {
        return Arrays.stream(greenMail.getReceivedMessages()).filter(m -> {
            try {
                return Arrays.stream(m.getRecipients(Message.RecipientType.TO))
                        .anyMatch(a -> a.toString().equals(email)) && m.getSubject().contains("sắp hết hạn")
                        && GreenMailUtil.getBody(m).contains(serial);
            } catch (jakarta.mail.MessagingException e) {
                return false;
            }
        }).toList();
    }
}
