package vn.kyso.notification;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import org.awaitility.Awaitility;
import org.eclipse.microprofile.config.ConfigProvider;
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
import vn.kyso.events.credential.DeviceBound;
import vn.kyso.events.credential.DeviceRecoveryRequested;
import vn.kyso.events.notification.RecoveryCodeEmailRequested;
import vn.kyso.events.credential.PinChanged;
import vn.kyso.events.credential.PinLocked;
import vn.kyso.testsupport.InjectGreenMail;
import vn.kyso.testsupport.JwtKeysTestResource;
import vn.kyso.testsupport.KafkaTestResource;
import vn.kyso.testsupport.PostgresTestResource;
import vn.kyso.testsupport.SealingKeysTestResource;
import vn.kyso.testsupport.SmtpTestResource;
import vn.kyso.testsupport.TestEvents;
import vn.kyso.testsupport.VapidKeyTestResource;

/**
 * Security notices about a credential: delegation switched off by wrong codes used to end silently (issue 18, finding
 * 14), a PIN changed, reset or locked, and each step of a lost-device recovery (issue 21) — each mailed to the
 * subscriber.
 */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "notification"))
@WithTestResource(SmtpTestResource.class)
@WithTestResource(SealingKeysTestResource.class)
@WithTestResource(ServicesStub.class)
@WithTestResource(JwtKeysTestResource.class)
@WithTestResource(VapidKeyTestResource.class)
class SecurityNoticesMailTest {

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

    @Test
    void aChangedResetOrLockedPinIsASecurityNoticeByMail() throws Exception {
        AccountCreated account = new AccountCreated(UUID.randomUUID(), "079203006666", "CCCD", "Ngô Bảo Mật",
                "pin-" + UUID.randomUUID() + "@example.vn", "+84912345678", "Hà Nội", "Ba Đình", "ACTIVE",
                Instant.now());
        TestEvents.publish(EventTypes.ACCOUNT_CREATED, account.accountId(), account);
        UUID credential = UUID.randomUUID();
        TestEvents.publish(EventTypes.PIN_LOCKED, credential, new PinLocked(account.accountId(), credential, 5,
                Instant.parse("2026-12-06T03:20:00Z")));
        TestEvents.publish(EventTypes.PIN_CHANGED, credential, new PinChanged(account.accountId(), credential, "RESET",
                Instant.parse("2026-12-06T03:25:00Z")));
        TestEvents.publish(EventTypes.PIN_CHANGED, credential, new PinChanged(account.accountId(), credential,
                "CHANGED", Instant.parse("2026-12-06T03:30:00Z")));
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> mails(account.email(), "PIN").size() == 3);
        // Quoted-printable soft line breaks undone, so phrases read whole.
        String all = String.join("\n", mails(account.email(), "PIN").stream().map(GreenMailUtil::getBody).toList())
                .replace("=\r\n", "").replace("=\n", "");
        assertTrue(all.contains("locked after 5 wrong attempts"), all);
        assertTrue(all.contains("10:20 06/12/2026"), "the time, in Vietnam's time");
        assertTrue(all.contains("revoked as superseded"), "a reset says the key and certificate were replaced");
        assertTrue(all.contains("approve signing requests with the new PIN"), all);
    }

    @Test
    void aLostDeviceRecoveryIsMailedAtEachStepAndTheCodeOnlyToTheAccountsOwnAddress() throws Exception {
        AccountCreated account = new AccountCreated(UUID.randomUUID(), "079203007777", "CCCD", "Đỗ Mất Máy",
                "lost-" + UUID.randomUUID() + "@example.vn", "+84912345678", "Hà Nội", "Ba Đình", "ACTIVE",
                Instant.now());
        TestEvents.publish(EventTypes.ACCOUNT_CREATED, account.accountId(), account);
        UUID credential = UUID.randomUUID();
        UUID recovery = UUID.randomUUID();
        TestEvents.publish(EventTypes.DEVICE_RECOVERY_REQUESTED, credential, new DeviceRecoveryRequested(
                account.accountId(), credential, recovery, Instant.parse("2026-12-07T01:00:00Z")));
        // Sealed as signing-service seals it, to the key the test resource made.
        java.security.PublicKey sealingKey = vn.kyso.commons.crypto.Pem.rsaPublicKey(ConfigProvider.getConfig()
                .getValue("kyso.signing.recovery.sealing-public-key-location", String.class));
        RecoveryCodeEmailRequested command = new RecoveryCodeEmailRequested(recovery, account.accountId(),
                vn.kyso.commons.crypto.SecretSealing.seal("0246813579".getBytes(java.nio.charset.StandardCharsets.US_ASCII),
                        RecoveryCodeEmailRequested.codeContext(recovery), sealingKey, SealingKeysTestResource.KEY_ID),
                Instant.parse("2026-12-08T01:00:00Z"));
        TestEvents.publish(EventTypes.RECOVERY_CODE_EMAIL_REQUESTED, account.accountId(), command);
        // The same sealed code for another recovery does not open: refused (dead-lettered), never mailed.
        TestEvents.publish(EventTypes.RECOVERY_CODE_EMAIL_REQUESTED, account.accountId(), new RecoveryCodeEmailRequested(
                UUID.randomUUID(), account.accountId(), command.sealedCode(), command.expiresAt()));
        TestEvents.publish(EventTypes.DEVICE_BOUND, credential, new DeviceBound(account.accountId(), credential,
                "Điện thoại mới", DeviceBound.RECOVERY, Instant.parse("2026-12-07T03:00:00Z")));
        // The account's topic may be read after the others: notices wait for it (retried), so allow for a retry or two.
        Awaitility.await().atMost(Duration.ofSeconds(120)).until(() -> mails(account.email(), "recovery").size() == 2
                && mails(account.email(), "new device").size() == 1);
        String all = String.join("\n", mails(account.email(), "Kyso").stream().map(GreenMailUtil::getBody).toList())
                .replace("=\r\n", "").replace("=\n", "");
        assertTrue(all.contains("A recovery of your lost device was requested"), all);
        assertTrue(all.contains("0246813579"), "the code, opened only to be mailed");
        assertTrue(all.contains("08:00 08/12/2026"), "until when, in Vietnam's time");
        assertTrue(all.contains("\", was bound (account 079203007777"), all);
        assertEquals(1, mails(account.email(), "recovery code").size(), "the code mailed once");
    }

    private List<MimeMessage> mails(String email, String subject) {
        return Inbox.mails(greenMail, email, subject);
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
