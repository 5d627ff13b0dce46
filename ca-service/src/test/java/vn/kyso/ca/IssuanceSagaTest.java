package vn.kyso.ca;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.ByteArrayInputStream;
import java.security.KeyPair;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import vn.kyso.ca.crypto.TestCsrs;
import vn.kyso.ca.repository.AccountRecordRepository;
import vn.kyso.ca.repository.IssuedCertificateRepository;
import vn.kyso.events.EventCodec;
import vn.kyso.events.EventTypes;
import vn.kyso.events.Topics;
import vn.kyso.events.account.AccountCreated;
import vn.kyso.events.certificate.CertificateIssued;
import vn.kyso.events.certificate.CertificateRequestRejected;
import vn.kyso.events.certificate.CertificateRevoked;
import vn.kyso.events.credential.KeyPairActivated;
import vn.kyso.testsupport.InSession;
import vn.kyso.testsupport.JwtKeysTestResource;
import vn.kyso.testsupport.KafkaTestResource;
import vn.kyso.testsupport.PostgresTestResource;
import vn.kyso.testsupport.TestEvents;
import vn.kyso.testsupport.TopicReader;

/** KeyPairActivated in, CertificateIssued out over the real broker: once per key, refusals answered, re-keys supersede. */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "ca"))
@WithTestResource(JwtKeysTestResource.class)
class IssuanceSagaTest {

    @Inject
    AccountRecordRepository accounts;

    @Inject
    IssuedCertificateRepository certificates;

    @Inject
    vn.kyso.commons.inbox.ProcessedEventRepository processed;

    @Inject
    vn.kyso.commons.outbox.OutboxRepository outbox;

    @Test
    void anActivatedKeyIsCertifiedExactlyOnceHoweverOftenItIsAnnounced() throws Exception {
        AccountCreated account = CaTestSupport.account(accounts, "Hoàng Anh Tuấn");
        UUID credential = UUID.randomUUID();
        KeyPair key = TestCsrs.rsa(2048);
        KeyPairActivated activated = activated(account, credential, key);
        String eventId = TestEvents.publish(EventTypes.KEY_PAIR_ACTIVATED, credential, activated);
        TestEvents.publish(EventTypes.KEY_PAIR_ACTIVATED, credential, activated, eventId);
        // The same key announced again under a new event id (a replayed outbox row) is not certified twice either.
        String replayId = TestEvents.publish(EventTypes.KEY_PAIR_ACTIVATED, credential, activated);

        CertificateIssued issued = EventCodec.fromJson(TopicReader.awaitRecords(Topics.CERTIFICATE_EVENTS,
                r -> r.value().contains(credential.toString()), 1, Duration.ofSeconds(30)).get(0).value(),
                CertificateIssued.class);
        X509Certificate certificate = x509(issued.certificate());
        assertArrayEquals(key.getPublic().getEncoded(), certificate.getPublicKey().getEncoded());
        assertEquals(account.accountId(), issued.accountId());
        assertEquals(2, issued.chain().size());
        certificate.verify(x509(issued.chain().get(0)).getPublicKey());

        // Once the replay has been handled (its inbox row exists), any second certificate would already be there.
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30))
                .until(() -> InSession.await(() -> processed.isProcessed("ca-issuance", replayId)));
        assertEquals(1, InSession.await(() -> certificates.byAccount(account.accountId())).size());
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> InSession.await(
                () -> outbox.count()) == 0L);
        assertEquals(1, TopicReader.readAll(Topics.CERTIFICATE_EVENTS,
                r -> r.value().contains(credential.toString())).size(), "one CertificateIssued");
    }

    @Test
    void aRefusedRequestIsAnsweredSoTheCredentialDoesNotWaitForever() {
        AccountCreated account = CaTestSupport.account(accounts, "Vũ Thị Lan");
        UUID credential = UUID.randomUUID();
        KeyPair key = TestCsrs.ec("secp256r1");
        byte[] forged = TestCsrs.csr("CN=" + account.accountId(), key, TestCsrs.ec("secp256r1"));
        TestEvents.publish(EventTypes.KEY_PAIR_ACTIVATED, credential, new KeyPairActivated(account.accountId(),
                credential, "EC-P256", Base64.getEncoder().encodeToString(forged), Instant.now()));

        ConsumerRecord<String, String> record = TopicReader.awaitRecords(Topics.CERTIFICATE_EVENTS,
                r -> r.value().contains(credential.toString()), 1, Duration.ofSeconds(30)).get(0);
        assertEquals(EventTypes.CERTIFICATE_REQUEST_REJECTED.type(),
                new String(record.headers().lastHeader("ce_type").value()));
        CertificateRequestRejected rejected = EventCodec.fromJson(record.value(), CertificateRequestRejected.class);
        assertEquals("CSR_PROOF_OF_POSSESSION_FAILED", rejected.reason());
        assertEquals(0, InSession.await(() -> certificates.byAccount(account.accountId())).size());
    }

    @Test
    void aNewKeyForTheSameCredentialSupersedesTheOldCertificate() {
        AccountCreated account = CaTestSupport.account(accounts, "Bùi Đức Long");
        UUID credential = UUID.randomUUID();
        TestEvents.publish(EventTypes.KEY_PAIR_ACTIVATED, credential,
                activated(account, credential, TestCsrs.ec("secp256r1")));
        CertificateIssued first = EventCodec.fromJson(TopicReader.awaitRecords(Topics.CERTIFICATE_EVENTS,
                r -> r.value().contains(credential.toString()), 1, Duration.ofSeconds(30)).get(0).value(),
                CertificateIssued.class);

        TestEvents.publish(EventTypes.KEY_PAIR_ACTIVATED, credential,
                activated(account, credential, TestCsrs.ec("secp256r1")));
        List<ConsumerRecord<String, String>> all = TopicReader.awaitRecords(Topics.CERTIFICATE_EVENTS,
                r -> r.value().contains(credential.toString()), 3, Duration.ofSeconds(30));
        CertificateRevoked revoked = all.stream().filter(r -> r.value().contains("superseded"))
                .map(r -> EventCodec.fromJson(r.value(), CertificateRevoked.class)).findFirst().orElseThrow();
        assertEquals(first.serialNumber(), revoked.serialNumber());
        var stored = InSession.await(() -> certificates.findById(first.serialNumber()));
        assertEquals("superseded", stored.revocationReason);
        assertNull(InSession.await(() -> certificates.findById("0")));
    }

    private static KeyPairActivated activated(AccountCreated account, UUID credential, KeyPair key) {
        String type = key.getPublic().getAlgorithm().equals("RSA") ? "RSA-2048" : "EC-P256";
        return new KeyPairActivated(account.accountId(), credential, type,
                Base64.getEncoder().encodeToString(TestCsrs.csr("CN=" + account.accountId(), key)), Instant.now());
    }

    private static X509Certificate x509(String b64) throws Exception {
        return (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(Base64.getDecoder().decode(b64)));
    }
}
