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

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import vn.kyso.commons.crypto.Pem;
import vn.kyso.commons.crypto.SecretSealing;
import vn.kyso.events.EventCodec;
import vn.kyso.events.EventTypes;
import vn.kyso.events.SealedSecret;
import vn.kyso.events.Topics;
import vn.kyso.events.notification.ActivationEmailRequested;
import vn.kyso.commons.delivery.Delivery;
import vn.kyso.commons.delivery.DeliveryRepository;
import vn.kyso.testsupport.InSession;
import vn.kyso.testsupport.InjectGreenMail;
import vn.kyso.testsupport.KafkaTestResource;
import vn.kyso.testsupport.PostgresTestResource;
import vn.kyso.testsupport.SealingKeysTestResource;
import vn.kyso.testsupport.SmtpTestResource;
import vn.kyso.testsupport.TopicReader;

@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "notification"))
@WithTestResource(SmtpTestResource.class)
@WithTestResource(SealingKeysTestResource.class)
class ActivationCodeMailTest {

    @InjectGreenMail
    GreenMail greenMail;

    @Inject
    DeliveryRepository deliveries;

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
