package vn.kyso.notification;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.awaitility.Awaitility;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Multi;
import jakarta.inject.Inject;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import vn.kyso.commons.crypto.Pem;
import vn.kyso.commons.crypto.SecretSealing;
import vn.kyso.commons.delivery.Delivery;
import vn.kyso.commons.delivery.DeliveryRepository;
import vn.kyso.events.EventCodec;
import vn.kyso.events.EventTypes;
import vn.kyso.events.SealedSecret;
import vn.kyso.events.Topics;
import vn.kyso.events.account.AccountCreated;
import vn.kyso.events.notification.ActivationEmailRequested;
import vn.kyso.notification.config.NotificationConfig;
import vn.kyso.notification.service.MailQueue;
import vn.kyso.testsupport.InSession;
import vn.kyso.testsupport.InjectGreenMail;
import vn.kyso.testsupport.JwtKeysTestResource;
import vn.kyso.testsupport.KafkaTestResource;
import vn.kyso.testsupport.PostgresTestResource;
import vn.kyso.testsupport.SealingKeysTestResource;
import vn.kyso.testsupport.SmtpTestResource;
import vn.kyso.testsupport.TopicReader;
import vn.kyso.testsupport.VapidKeyTestResource;

@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "notification"))
@WithTestResource(SmtpTestResource.class)
@WithTestResource(SealingKeysTestResource.class)
@WithTestResource(ServicesStub.class)
@WithTestResource(JwtKeysTestResource.class)
@WithTestResource(VapidKeyTestResource.class)
class ActivationCodeMailTest {

    @InjectGreenMail
    GreenMail greenMail;

    @Inject
    DeliveryRepository deliveries;

    @Inject
    MailQueue mails;

    @Inject
    NotificationConfig config;

    @ConfigProperty(name = "kyso.activation.sealing.public-key-location")
    String sealingPublicKey;

    @Test
    void theSealedCodeIsOpenedOnlyIntoTheEmailOnceAndNeverStoredOrLogged() throws Exception {
        UUID activationId = UUID.randomUUID();
        String code = "042137";
        ActivationEmailRequested command = command(activationId, code, activationId);
        String commandId = UUID.randomUUID().toString();
        publish(commandId, command);
        publish(commandId, command);

        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> mailsTo(command.email()).size() >= 1);
        MimeMessage mail = mailsTo(command.email()).get(0);
        assertTrue(mail.getSubject().contains("Mã kích hoạt") && mail.getSubject().contains("activation code"));
        String body = GreenMailUtil.getBody(mail);
        assertTrue(body.contains(code), "the code in the mail");
        assertTrue(body.contains(command.identifier()), "the identifier in the mail");
        assertTrue(body.contains("Dear") && body.contains("Unactive"), "the English part, as in the seed");

        // A later command on the same key is handled after both copies: then exactly one mail is judged.
        ActivationEmailRequested marker = command(UUID.randomUUID(), "000001", null);
        publish(UUID.randomUUID().toString(), marker);
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> mailsTo(marker.email()).size() >= 1);
        assertEquals(1, mailsTo(command.email()).size(), "one mail per command");

        Delivery delivery = InSession.await(() -> deliveries.find("destination", command.email()).firstResult());
        assertEquals("SENT", delivery.status.name());
        assertFalse(delivery.payload.contains(code), "the stored parameters keep the code sealed");
        assertTrue(delivery.payload.contains(command.sealedCode().ciphertext()));
        String log = Files.readString(Path.of("target/notification-service-test.log"), StandardCharsets.UTF_8);
        assertFalse(log.contains(code), "the code in the log");
    }

    @Test
    void aCodeThatCannotBeOpenedIsDeadLetteredNotMailed() {
        UUID activationId = UUID.randomUUID();
        // Sealed for another activation: authentic ciphertext, wrong context (a replay of someone else's code).
        ActivationEmailRequested replayed = command(activationId, "123987", UUID.randomUUID());
        String commandId = UUID.randomUUID().toString();
        publish(commandId, replayed);
        List<ConsumerRecord<String, String>> dead = TopicReader.awaitRecords("kyso.dlq.notification-service",
                r -> r.value() != null && r.value().contains(activationId.toString()), 1, Duration.ofSeconds(30));
        assertEquals(1, dead.size());
        assertTrue(mailsTo(replayed.email()).isEmpty(), "nothing mailed");
    }

    /**
     * Under a burst the senders have a backlog of welcome mails; a code queued after all of them still goes out among
     * the first, since its subscriber is waiting to type it in (without urgency it would be the last of the 41).
     */
    @Test
    void aCodeQueuedBehindABacklogOfWelcomeMailsGoesOutFirst() throws Throwable {
        int backlog = 40;
        List<AccountCreated> accounts = new java.util.ArrayList<>();
        for (int i = 0; i < backlog; i++) {
            UUID accountId = UUID.randomUUID();
            accounts.add(new AccountCreated(accountId, "0012030" + (10000 + i), "CCCD", "Lê Văn Hàng Đợi",
                    "backlog-" + accountId + "@example.vn", "0912345678", "Hà Nội", "Ba Đình", "CREATED",
                    Instant.now()));
        }
        ActivationEmailRequested code = command(UUID.randomUUID(), "730519", null);
        // One transaction, the code last: every row becomes due at the same commit, the code the latest of them.
        VertxContextSupport.subscribeAndAwait(() -> Panache.withTransaction(() -> Multi.createFrom().iterable(accounts)
                .onItem().transformToUniAndConcatenate(a -> mails.enqueueWelcome(UUID.randomUUID().toString(), a))
                .collect().last()
                .chain(() -> mails.enqueueActivationCode(UUID.randomUUID().toString(), code))));

        java.util.function.Predicate<MimeMessage> ours = m -> addressedTo(m, code.email())
                || accounts.stream().anyMatch(a -> addressedTo(m, a.email()));
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> Arrays.stream(greenMail.getReceivedMessages())
                .filter(ours).count() == backlog + 1);
        List<MimeMessage> received = Arrays.stream(greenMail.getReceivedMessages()).filter(ours).toList();
        int position = 0;
        while (!addressedTo(received.get(position), code.email())) {
            position++;
        }
        // Senders that claimed a welcome mail in the same instant may finish theirs first: at most one each, twice.
        assertTrue(position < 2 * config.senders(), "the code went out after " + position + " of the " + backlog
                + " welcome mails queued before it");
    }

    private static boolean addressedTo(MimeMessage m, String recipient) {
        try {
            return Arrays.stream(m.getRecipients(Message.RecipientType.TO))
                    .anyMatch(a -> a.toString().equalsIgnoreCase(recipient));
        } catch (jakarta.mail.MessagingException e) {
            return false;
        }
    }

    private ActivationEmailRequested command(UUID activationId, String code, UUID sealedFor) {
        UUID context = sealedFor == null ? activationId : sealedFor;
        SealedSecret sealed = SecretSealing.seal(code.getBytes(StandardCharsets.US_ASCII),
                ActivationEmailRequested.codeContext(context), Pem.rsaPublicKey(sealingPublicKey),
                SealingKeysTestResource.KEY_ID);
        return new ActivationEmailRequested(activationId, UUID.nameUUIDFromBytes("one-account".getBytes()),
                "001203009876", "Đặng Thùy Trâm", "code-" + UUID.randomUUID() + "@example.vn", sealed,
                Instant.now().plus(Duration.ofHours(72)));
    }

    private static void publish(String commandId, ActivationEmailRequested command) {
        TopicReader.send(Topics.NOTIFICATION_REQUESTS, command.accountId().toString(), EventCodec.toJson(command),
                Map.of("ce_id", commandId, "ce_type", EventTypes.ACTIVATION_EMAIL_REQUESTED.type(),
                        "ce_specversion", "1.0", "ce_source", "/kyso/activation-service",
                        "ce_subject", command.accountId().toString()));
    }

    private List<MimeMessage> mailsTo(String recipient) {
        return Arrays.stream(greenMail.getReceivedMessages()).filter(m -> addressedTo(m, recipient)).toList();
    }
}
