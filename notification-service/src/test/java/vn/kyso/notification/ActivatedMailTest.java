package vn.kyso.notification;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
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
import jakarta.mail.BodyPart;
import jakarta.mail.Message;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import vn.kyso.events.EventTypes;
import vn.kyso.events.account.AccountActivated;
import vn.kyso.events.account.AccountCreated;
import vn.kyso.testsupport.InjectGreenMail;
import vn.kyso.testsupport.JwtKeysTestResource;
import vn.kyso.testsupport.KafkaTestResource;
import vn.kyso.testsupport.PostgresTestResource;
import vn.kyso.testsupport.SealingKeysTestResource;
import vn.kyso.testsupport.SmtpTestResource;
import vn.kyso.testsupport.TestEvents;
import vn.kyso.testsupport.TestPdfs;
import vn.kyso.testsupport.VapidKeyTestResource;

/** AccountActivated → one bilingual "activated" mail with the signed acceptance record attached, even after outages. */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "notification"))
@WithTestResource(SmtpTestResource.class)
@WithTestResource(SealingKeysTestResource.class)
@WithTestResource(ServicesStub.class)
@WithTestResource(JwtKeysTestResource.class)
@WithTestResource(VapidKeyTestResource.class)
class ActivatedMailTest {

    @InjectGreenMail
    GreenMail greenMail;

    @Test
    void theActivatedMailCarriesTheSignedRecordOnceEvenWhenActivationServiceWasDown() throws Exception {
        AccountCreated account = new AccountCreated(UUID.randomUUID(), "079203004444", "CCCD", "Đặng Thu Hà",
                "ha-" + UUID.randomUUID() + "@example.vn", "+84912345678", "Hà Nội", "Cầu Giấy", "UNACTIVATED",
                Instant.now());
        byte[] record = TestPdfs.onePage("signed acceptance record " + account.accountId());
        ServicesStub.RECORDS.put(account.accountId().toString(), record);
        ServicesStub.FAILURES.set(2);
        TestEvents.publish(EventTypes.ACCOUNT_CREATED, account.accountId(), account);
        AccountActivated activated = new AccountActivated(account.accountId(), account.identifier(), Instant.now());
        String eventId = TestEvents.publish(EventTypes.ACCOUNT_ACTIVATED, account.accountId(), activated);
        TestEvents.publish(EventTypes.ACCOUNT_ACTIVATED, account.accountId(), activated, eventId);

        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> mailsTo(account.email()).stream()
                .anyMatch(ActivatedMailTest::isActivated));
        assertEquals(0, ServicesStub.FAILURES.get(), "the failed fetches were retried");
        MimeMessage mail = mailsTo(account.email()).stream().filter(ActivatedMailTest::isActivated).findFirst()
                .orElseThrow();
        assertTrue(mail.getSubject().contains("kích hoạt") && mail.getSubject().contains("active"), mail.getSubject());
        String body = GreenMailUtil.getBody(mail);
        assertTrue(body.contains("Dear"), "English part");
        Part pdf = attachment(mail);
        assertNotNull(pdf, "the signed record is attached");
        assertEquals("bien-ban-nghiem-thu.pdf", pdf.getFileName());
        assertTrue(pdf.getContentType().startsWith("application/pdf"), pdf.getContentType());
        assertArrayEquals(record, pdf.getInputStream().readAllBytes());

        // A later mail on the same key proves the duplicate was judged: still one "activated" mail.
        AccountCreated marker = new AccountCreated(account.accountId(), "079203004445", "CCCD", "Marker",
                "marker-" + UUID.randomUUID() + "@example.vn", "+84912345678", "Hà Nội", "Ba Đình", "UNACTIVATED",
                Instant.now());
        TestEvents.publish(EventTypes.ACCOUNT_CREATED, marker.accountId(), marker);
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> !mailsTo(marker.email()).isEmpty());
        assertEquals(1, mailsTo(account.email()).stream().filter(ActivatedMailTest::isActivated).count());
    }

    private static boolean isActivated(MimeMessage m) {
        try {
            return m.getSubject().contains("Your account is active");
        } catch (jakarta.mail.MessagingException e) {
            return false;
        }
    }

    private static Part attachment(Part part) throws Exception {
        if (Part.ATTACHMENT.equalsIgnoreCase(part.getDisposition()) || part.isMimeType("application/pdf")) {
            return part;
        }
        if (part.getContent() instanceof Multipart multipart) {
            for (int i = 0; i < multipart.getCount(); i++) {
                BodyPart child = multipart.getBodyPart(i);
                Part found = attachment(child);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }

    private List<MimeMessage> mailsTo(String recipient) {
        return Arrays.stream(greenMail.getReceivedMessages()).filter(m -> {
            try {
                return Arrays.stream(m.getRecipients(Message.RecipientType.TO))
                        .anyMatch(a -> a.toString().equalsIgnoreCase(recipient));
            } catch (jakarta.mail.MessagingException e) {
                return false;
            }
        }).toList();
    }
}
