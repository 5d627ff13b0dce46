package vn.kyso.activation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import vn.kyso.activation.model.Activation;
import vn.kyso.activation.model.ActivationState;
import vn.kyso.activation.repository.ActivationRepository;
import vn.kyso.events.EventTypes;
import vn.kyso.events.account.AccountCreated;
import vn.kyso.events.certificate.CertificateIssued;
import vn.kyso.events.credential.CredentialRegistered;
import vn.kyso.events.credential.KeyPairActivated;
import vn.kyso.testsupport.InSession;
import vn.kyso.testsupport.JwtKeysTestResource;
import vn.kyso.testsupport.KafkaTestResource;
import vn.kyso.testsupport.PostgresTestResource;
import vn.kyso.testsupport.SealingKeysTestResource;
import vn.kyso.testsupport.TestEvents;

/** Steps 2/4 and 3/4 follow signing-service's and ca-service's events, forward only, whatever their order. */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "activation"))
@WithTestResource(SealingKeysTestResource.class)
@WithTestResource(JwtKeysTestResource.class)
@WithTestResource(AccountServiceStub.class)
class WizardStepsTest {

    @Inject
    ActivationRepository activations;

    @Test
    void pinKeyPairAndCertificateMoveTheWizardForward() {
        AccountCreated account = account();
        UUID credential = UUID.randomUUID();
        TestEvents.publish(EventTypes.CREDENTIAL_REGISTERED, credential,
                new CredentialRegistered(credential, account.accountId(), "phone", "RSA-2048", Instant.now()));
        awaitState(account, ActivationState.PIN_SET);
        TestEvents.publish(EventTypes.KEY_PAIR_ACTIVATED, credential,
                new KeyPairActivated(account.accountId(), credential, "RSA-2048", "AAAA", Instant.now()));
        awaitState(account, ActivationState.KEY_ACTIVE);
        TestEvents.publish(EventTypes.CERTIFICATE_ISSUED, "0A1B", new CertificateIssued(account.accountId(),
                credential, "0A1B", Base64.getEncoder().encodeToString(new byte[] {0x30, 0x00}), List.of(),
                Instant.now(), Instant.now().plusSeconds(60), Instant.now()));
        Activation done = awaitState(account, ActivationState.CERT_ISSUED);
        assertEquals(credential, done.credentialId);
        assertEquals("0A1B", done.certificateSerial);
    }

    @Test
    void aLateEventNeverMovesTheWizardBack() {
        AccountCreated account = account();
        UUID credential = UUID.randomUUID();
        TestEvents.publish(EventTypes.CERTIFICATE_ISSUED, "0C", new CertificateIssued(account.accountId(),
                credential, "0C", Base64.getEncoder().encodeToString(new byte[] {0x30, 0x00}), List.of(),
                Instant.now(), Instant.now().plusSeconds(60), Instant.now()));
        awaitState(account, ActivationState.CERT_ISSUED);
        String late = TestEvents.publish(EventTypes.CREDENTIAL_REGISTERED, credential,
                new CredentialRegistered(credential, account.accountId(), "phone", "RSA-2048", Instant.now()));
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> InSession.await(
                () -> processed.isProcessed("activation-pin-set", late)));
        assertEquals(ActivationState.CERT_ISSUED,
                InSession.await(() -> activations.findByAccount(account.accountId())).state);
    }

    @Test
    void anotherCredentialsEventsNeitherMoveNorTakeOverTheWizardAndARepeatWritesNothing() {
        AccountCreated account = account();
        UUID own = UUID.randomUUID();
        TestEvents.publish(EventTypes.CREDENTIAL_REGISTERED, own,
                new CredentialRegistered(own, account.accountId(), "phone", "EC-P256", Instant.now()));
        Activation pinSet = awaitState(account, ActivationState.PIN_SET);

        UUID stray = UUID.randomUUID();
        String strayKey = TestEvents.publish(EventTypes.KEY_PAIR_ACTIVATED, stray,
                new KeyPairActivated(account.accountId(), stray, "EC-P256", "AAAA", Instant.now()));
        String strayCertificate = TestEvents.publish(EventTypes.CERTIFICATE_ISSUED, "0D", new CertificateIssued(
                account.accountId(), stray, "0D", Base64.getEncoder().encodeToString(new byte[] {0x30, 0x00}),
                List.of(), Instant.now(), Instant.now().plusSeconds(60), Instant.now()));
        // The same step again, as a second signing-service replica or a re-registration would announce it.
        String repeat = TestEvents.publish(EventTypes.CREDENTIAL_REGISTERED, own,
                new CredentialRegistered(own, account.accountId(), "phone", "EC-P256", Instant.now()));
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> InSession.await(
                () -> processed.isProcessed("activation-key-active", strayKey)
                        .chain(k -> processed.isProcessed("activation-cert-issued", strayCertificate)
                                .chain(c -> processed.isProcessed("activation-pin-set", repeat)
                                        .map(r -> k && c && r)))));

        Activation after = InSession.await(() -> activations.findByAccount(account.accountId()));
        assertEquals(ActivationState.PIN_SET, after.state);
        assertEquals(own, after.credentialId);
        assertNull(after.certificateSerial);
        assertEquals(pinSet.updatedAt, after.updatedAt, "an event that changed nothing wrote the activation");
    }

    @Inject
    vn.kyso.commons.inbox.ProcessedEventRepository processed;

    private AccountCreated account() {
        AccountCreated account = new AccountCreated(UUID.randomUUID(), String.format("%012d",
                Math.floorMod(UUID.randomUUID().getLeastSignificantBits(), 1_000_000_000_000L)), "CCCD", "Mai Anh",
                "anh-" + UUID.randomUUID() + "@example.vn", "+84912345678", "Huế", "Phú Hội", "UNACTIVATED",
                Instant.now());
        TestEvents.publish(EventTypes.ACCOUNT_CREATED, account.accountId(), account);
        awaitState(account, ActivationState.CODE_SENT);
        return account;
    }

    private Activation awaitState(AccountCreated account, ActivationState state) {
        return Awaitility.await().atMost(Duration.ofSeconds(30)).until(
                () -> InSession.await(() -> activations.findByAccount(account.accountId())),
                a -> a != null && a.state == state);
    }
}
