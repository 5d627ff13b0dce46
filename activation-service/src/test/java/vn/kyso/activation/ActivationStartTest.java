package vn.kyso.activation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.awaitility.Awaitility;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import vn.kyso.activation.crypto.ActivationCodes;
import vn.kyso.activation.model.Activation;
import vn.kyso.activation.model.ActivationState;
import vn.kyso.activation.repository.ActivationRepository;
import vn.kyso.commons.crypto.Pem;
import vn.kyso.commons.crypto.SecretSealing;
import vn.kyso.events.EventCodec;
import vn.kyso.events.EventTypes;
import vn.kyso.events.Topics;
import vn.kyso.events.account.AccountCreated;
import vn.kyso.events.activation.ActivationCodeIssued;
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
class ActivationStartTest {

    @Inject
    ActivationRepository activations;

    @Inject
    ActivationCodes codes;

    @ConfigProperty(name = "kyso.test.sealing.private-key-location")
    String sealingPrivateKey;

    @Test
    void aNewAccountGetsOneActivationAndOneSealedCodeHoweverOftenTheEventArrives() {
        AccountCreated account = new AccountCreated(UUID.randomUUID(), String.format("%012d",
                Math.abs(UUID.randomUUID().getLeastSignificantBits() % 1_000_000_000_000L)), "CCCD", "Võ Thị Sáu",
                "sau-" + UUID.randomUUID() + "@example.vn", "+84912345678", "Bà Rịa", "Côn Đảo", "UNACTIVATED",
                Instant.now());
        String eventId = UUID.randomUUID().toString();
        publish(eventId, account);
        publish(eventId, account);

        String key = account.accountId().toString();
        TopicReader.awaitRecords(Topics.NOTIFICATION_REQUESTS, r -> key.equals(r.key()), 1, Duration.ofSeconds(30));
        Activation activation = Awaitility.await().atMost(Duration.ofSeconds(10))
                .until(() -> InSession.await(() -> activations.findByAccount(account.accountId())), a -> a != null);
        assertEquals(ActivationState.CODE_SENT, activation.state);
        assertTrue(activation.codeExpiresAt.isAfter(Instant.now().plus(Duration.ofHours(71))), "valid 72 h");

        List<ConsumerRecord<String, String>> requests = TopicReader.readAll(Topics.NOTIFICATION_REQUESTS,
                r -> key.equals(r.key()));
        assertEquals(1, requests.size(), "one activation email requested for a redelivered event");
        ConsumerRecord<String, String> request = requests.get(0);
        assertEquals(EventTypes.ACTIVATION_EMAIL_REQUESTED.type(), header(request, "ce_type"));
        ActivationEmailRequested command = EventCodec.fromJson(request.value(), ActivationEmailRequested.class);
        assertEquals(activation.id, command.activationId());
        assertEquals(account.email(), command.email());
        assertEquals(SealingKeysTestResource.KEY_ID, command.sealedCode().kid());

        String code = new String(SecretSealing.open(command.sealedCode(),
                ActivationEmailRequested.codeContext(activation.id), Pem.rsaPrivateKey(sealingPrivateKey)),
                StandardCharsets.US_ASCII);
        assertTrue(code.matches("\\d{6}"), "a 6-digit code");
        assertTrue(codes.matches(activation.id, code, activation.codeHash), "the stored hash is the code's");
        assertFalse(codes.matches(UUID.randomUUID(), code, activation.codeHash), "the hash is bound to the activation");

        // The code in clear is nowhere: not in the command, not in the activation events, not in the row.
        assertFalse(request.value().contains(code), "code in clear in the notification request");
        List<ConsumerRecord<String, String>> issued = TopicReader.awaitRecords(Topics.ACTIVATION_EVENTS,
                r -> activation.id.toString().equals(r.key()), 1, Duration.ofSeconds(10));
        assertEquals(1, issued.size());
        ActivationCodeIssued event = EventCodec.fromJson(issued.get(0).value(), ActivationCodeIssued.class);
        assertEquals("ACCOUNT_CREATED", event.reason());
        assertFalse(issued.get(0).value().contains(code), "code in clear in ActivationCodeIssued");
        assertNotNull(activation.codeHash);
        assertEquals(64, activation.codeHash.length(), "an HMAC-SHA256, hex");
    }

    private static void publish(String eventId, AccountCreated event) {
        TopicReader.send(Topics.ACCOUNT_EVENTS, event.accountId().toString(), EventCodec.toJson(event), Map.of(
                "ce_id", eventId, "ce_type", EventTypes.ACCOUNT_CREATED.type(), "ce_specversion", "1.0",
                "ce_source", "/kyso/account-service", "ce_subject", event.accountId().toString()));
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        var h = record.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }
}
