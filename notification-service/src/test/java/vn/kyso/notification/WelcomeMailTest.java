package vn.kyso.notification;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import javax.management.ObjectName;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import vn.kyso.commons.delivery.Delivery;
import vn.kyso.commons.delivery.DeliveryRepository;
import vn.kyso.commons.delivery.DeliveryStatus;
import vn.kyso.events.EventCodec;
import vn.kyso.events.EventTypes;
import vn.kyso.events.Topics;
import vn.kyso.events.account.AccountCreated;
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
class WelcomeMailTest {

    @InjectGreenMail
    GreenMail greenMail;

    @Inject
    DeliveryRepository deliveries;

    @Inject
    vn.kyso.commons.inbox.IdempotentConsumer idempotent;

    @Test
    void anAccountCreatedEventSendsOneBilingualWelcomeMail() throws Exception {
        AccountCreated account = account("Trần Thị Bích Ngọc");
        publish(UUID.randomUUID().toString(), account);

        MimeMessage mail = awaitMails(account.email(), 1, Duration.ofSeconds(20)).get(0);
        assertTrue(mail.getSubject().contains("Tài khoản ký số"), mail.getSubject());
        assertTrue(mail.getSubject().contains("Your Kyso remote signing account"), mail.getSubject());
        assertEquals("no-reply@kyso.vn", ((jakarta.mail.internet.InternetAddress) mail.getFrom()[0]).getAddress());
        String body = GreenMailUtil.getBody(mail);
        String text = new String(mail.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String all = body + text;
        assertTrue(all.contains(account.identifier()), "identifier in the mail");
        assertTrue(all.contains("Kính gửi") || body.contains("K=C3=ADnh g"), "Vietnamese part");
        assertTrue(all.contains("Dear"), "English part");
        assertTrue(all.contains("Unactive"), "status as in the seed");
        assertTrue(body.indexOf("Dear") > body.indexOf("Tr"), "Vietnamese first, English below");
        // Stable per delivery, so a copy resent after a crash can be recognised by receiving systems.
        assertEquals("<" + delivery(account.email()).id + "@notification.kyso.vn>", mail.getMessageID());
    }

    @Test
    void aRedeliveredEventSendsNoSecondMail() throws Exception {
        AccountCreated account = account("Lê Văn Cường");
        String eventId = UUID.randomUUID().toString();
        publish(eventId, account);
        publish(eventId, account);
        // A later event on the same key is processed after both copies; once its mail is here, the duplicate is judged.
        AccountCreated marker = new AccountCreated(account.accountId(), "079203000999", "CCCD", "Marker",
                "marker-" + UUID.randomUUID() + "@example.vn", "+84912345678", "Hà Nội", "Ba Đình", "UNACTIVATED",
                Instant.now());
        publish(UUID.randomUUID().toString(), marker);
        awaitMails(marker.email(), 1, Duration.ofSeconds(20));
        assertEquals(1, mailsTo(account.email()).size(), "one welcome mail however often the event arrives");
    }

    @Test
    void aPoisonRecordGoesToTheDeadLetterTopicAndTheConsumerKeepsGoing() throws Exception {
        String key = UUID.randomUUID().toString();
        TopicReader.send(Topics.ACCOUNT_EVENTS, key, "{this is not json",
                Map.of("ce_id", UUID.randomUUID().toString(), "ce_type", EventTypes.ACCOUNT_CREATED.type(),
                        "ce_specversion", "1.0", "ce_source", "/test"));
        TopicReader.send(Topics.ACCOUNT_EVENTS, key, "{}", Map.of());

        List<ConsumerRecord<String, String>> dead = TopicReader.awaitRecords("kyso.dlq.notification-service",
                r -> key.equals(r.key()), 2, Duration.ofSeconds(30));
        assertEquals(2, dead.size(), "both unreadable records dead-lettered");
        assertTrue(dead.stream().allMatch(r -> r.headers().lastHeader("dead-letter-reason") != null),
                "the reason travels with the record");
        for (ConsumerRecord<String, String> r : dead) {
            assertEquals(Topics.ACCOUNT_EVENTS, header(r, "dead-letter-topic"), "where it came from");
            assertTrue(header(r, "dead-letter-offset").matches("\\d+"), "at which offset");
            assertEquals(EventTypes.ACCOUNT_CREATED.type().equals(header(r, "ce_type")) ? "{this is not json" : "{}",
                    r.value(), "the record as it arrived, its own headers kept");
        }

        AccountCreated after = new AccountCreated(UUID.fromString(key), "079203000111", "CCCD", "Sau Độc",
                "after-" + UUID.randomUUID() + "@example.vn", "+84912345678", "Huế", "Phú Hội", "UNACTIVATED",
                Instant.now());
        publish(UUID.randomUUID().toString(), after);
        awaitMails(after.email(), 1, Duration.ofSeconds(20));
    }

    @Test
    void recordsThatArriveTogetherAreTakenInOneTransaction() {
        // One key: one partition, so the consumer's next poll holds all of them.
        String key = UUID.randomUUID().toString();
        List<AccountCreated> accounts = new ArrayList<>();
        List<String> eventIds = new ArrayList<>();
        List<ProducerRecord<String, String>> records = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            AccountCreated account = account("Batch " + i);
            String eventId = UUID.randomUUID().toString();
            accounts.add(account);
            eventIds.add(eventId);
            records.add(record(key, eventId, EventCodec.toJson(account)));
        }
        TopicReader.sendTogether(records);

        for (AccountCreated account : accounts) {
            awaitMails(account.email(), 1, Duration.ofSeconds(30));
        }
        for (AccountCreated account : accounts) {
            assertEquals(1, mailsTo(account.email()).size(), "one welcome mail each");
        }
        // Rows written by one transaction carry its id (xmin): a transaction per record would give 20.
        long transactions = InSession.await(() -> Panache.getSession().chain(session -> session.createNativeQuery(
                        "select count(distinct xmin::text) from kyso_processed_event where event_id in (:ids)",
                        Long.class).setParameter("ids", eventIds).getSingleResult()));
        assertTrue(transactions < 20, "20 records committed in " + transactions + " transactions");
    }

    @Test
    void anUnreadableRecordAmongOthersOfItsPollCostsNoneOfThemItsMail() throws Exception {
        String key = UUID.randomUUID().toString();
        List<AccountCreated> accounts = new ArrayList<>();
        List<ProducerRecord<String, String>> records = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            AccountCreated account = account("Neighbour " + i);
            accounts.add(account);
            records.add(record(key, UUID.randomUUID().toString(), EventCodec.toJson(account)));
            if (i == 4) {
                records.add(record(key, UUID.randomUUID().toString(), "{this is not json either"));
            }
        }
        TopicReader.sendTogether(records);

        List<ConsumerRecord<String, String>> dead = TopicReader.awaitRecords("kyso.dlq.notification-service",
                r -> key.equals(r.key()), 1, Duration.ofSeconds(30));
        assertEquals(1, dead.size(), "the unreadable record, and only it, dead-lettered");
        assertEquals("{this is not json either", dead.get(0).value());
        for (AccountCreated account : accounts) {
            awaitMails(account.email(), 1, Duration.ofSeconds(30));
        }
        for (AccountCreated account : accounts) {
            assertEquals(1, mailsTo(account.email()).size(), "one welcome mail for each readable neighbour");
        }
    }

    @Test
    void theServiceRunsOneKafkaProducerForEventsAndDeadLetters() throws Exception {
        // The connector's own dead-letter strategy would open one more producer per consumer channel.
        Set<String> clients = new TreeSet<>();
        for (ObjectName name : ManagementFactory.getPlatformMBeanServer().queryNames(
                new ObjectName("kafka.producer:type=producer-metrics,client-id=*"), null)) {
            clients.add(name.getKeyProperty("client-id"));
        }
        assertTrue(clients.stream().noneMatch(c -> c.contains("dead-letter")), "no dead-letter producer: " + clients);
        assertEquals(List.of("kafka-producer-kyso-outbox"),
                clients.stream().filter(c -> c.startsWith("kafka-producer-")).toList(), "the one producer: " + clients);
    }

    @Test
    void mailsWaitOutAnSmtpOutageAndAreDeliveredOnce() throws Exception {
        AccountCreated account = account("Phạm Minh Đức");
        greenMail.stop();
        try {
            publish(UUID.randomUUID().toString(), account);
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> {
                Delivery d = delivery(account.email());
                return d != null && d.attempts > 0 && d.lastError != null;
            });
        } finally {
            greenMail.start();
        }
        awaitMails(account.email(), 1, Duration.ofSeconds(30));
        Awaitility.await().atMost(Duration.ofSeconds(10))
                .until(() -> "SENT".equals(delivery(account.email()).status.name()));
        assertEquals(1, mailsTo(account.email()).size());
    }

    @Test
    void aMailClaimedByASenderThatDiedIsSentOnceItsLeaseEndsAndNotBefore() throws Exception {
        AccountCreated orphan = account("Đỗ Văn Mồ Côi");
        greenMail.stop();
        try {
            publish(UUID.randomUUID().toString(), orphan);
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> {
                Delivery d = delivery(orphan.email());
                return d != null && d.attempts > 0;
            });
            // Another sender claimed it and holds its lease (it may have handed the mail to SMTP already). Taken only
            // between two attempts, as a real claim would be: a sender mid-attempt owns the row.
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> claim(orphan.email(),
                    Instant.now().plus(Duration.ofHours(1)), DeliveryStatus.PENDING) == 1);
        } finally {
            greenMail.start();
        }
        AccountCreated control = account("Đỗ Thị Đối Chứng");
        publish(UUID.randomUUID().toString(), control);
        awaitMails(control.email(), 1, Duration.ofSeconds(30));
        assertEquals(0, mailsTo(orphan.email()).size(), "a leased mail is left to its sender");

        // The sender died: its lease runs out and the mail is sent by whoever comes next, once.
        assertEquals(1, claim(orphan.email(), Instant.now().minusSeconds(1), DeliveryStatus.SENDING));
        awaitMails(orphan.email(), 1, Duration.ofSeconds(30));
        Awaitility.await().atMost(Duration.ofSeconds(10))
                .until(() -> "SENT".equals(delivery(orphan.email()).status.name()));
        assertEquals(1, mailsTo(orphan.email()).size());
    }

    /** Puts the delivery in SENDING with the given lease end, if it is in {@code expected}; returns rows changed. */
    private int claim(String recipient, Instant leaseEnd, DeliveryStatus expected) {
        return InSession.await(() -> Panache.withTransaction(
                () -> deliveries.update("status = ?1, nextAttemptAt = ?2 where destination = ?3 and status = ?4",
                        DeliveryStatus.SENDING, leaseEnd, recipient, expected)));
    }

    private static AccountCreated account(String name) {
        String id = String.format("%012d", Math.abs(UUID.randomUUID().getMostSignificantBits() % 1_000_000_000_000L));
        return new AccountCreated(UUID.randomUUID(), id, "CCCD", name, "sub-" + UUID.randomUUID() + "@example.vn",
                "+84912345678", "Hà Nội", "Cầu Giấy", "UNACTIVATED", Instant.now());
    }

    private static ProducerRecord<String, String> record(String key, String eventId, String json) {
        ProducerRecord<String, String> record = new ProducerRecord<>(Topics.ACCOUNT_EVENTS, key, json);
        Map.of("ce_id", eventId, "ce_type", EventTypes.ACCOUNT_CREATED.type(), "ce_specversion", "1.0",
                "ce_source", "/kyso/account-service", "ce_subject", key)
                .forEach((name, value) -> record.headers().add(name, value.getBytes(StandardCharsets.UTF_8)));
        return record;
    }

    private static void publish(String eventId, AccountCreated event) {
        TopicReader.sendTogether(List.of(record(event.accountId().toString(), eventId, EventCodec.toJson(event))));
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

    private List<MimeMessage> awaitMails(String recipient, int count, Duration timeout) {
        Awaitility.await().atMost(timeout).until(() -> mailsTo(recipient).size() >= count);
        return mailsTo(recipient);
    }

    private Delivery delivery(String recipient) {
        return InSession.await(() -> deliveries.find("destination", recipient).firstResult());
    }

    /**
     * A poll whose records all belong to other consumers (or were seen before) wakes no sender: each wake costs every
     * channel's senders a claim query, and signing-service's outcome events pass here by the hundred per second.
     */
    @Test
    void aPollWithNothingToDoWakesNobodyAndOneWithAnEffectWakesOnce() throws Throwable {
        java.util.concurrent.atomic.AtomicInteger wakes = new java.util.concurrent.atomic.AtomicInteger();
        String effectId = UUID.randomUUID().toString();
        java.util.function.Function<ConsumerRecord<String, String>, io.smallrye.mutiny.Uni<Void>> handler = r ->
                "mine".equals(r.key()) ? idempotent.process("wake-test", r, e -> io.smallrye.mutiny.Uni.createFrom()
                        .voidItem()).replaceWithVoid() : io.smallrye.mutiny.Uni.createFrom().voidItem();
        java.util.function.Function<List<ConsumerRecord<String, String>>, Integer> poll = list -> {
            try {
                io.quarkus.vertx.VertxContextSupport.subscribeAndAwait(() -> idempotent.processBatch("wake-test",
                        new org.apache.kafka.clients.consumer.ConsumerRecords<>(Map.of(
                                new org.apache.kafka.common.TopicPartition("wake-test", 0), list), Map.of()),
                        handler, wakes::incrementAndGet));
            } catch (Throwable e) {
                throw new IllegalStateException(e);
            }
            return wakes.get();
        };
        assertEquals(0, poll.apply(List.of(consumed("others", UUID.randomUUID().toString()),
                consumed("others", UUID.randomUUID().toString()))), "two records, neither of them ours");
        assertEquals(1, poll.apply(List.of(consumed("others", UUID.randomUUID().toString()),
                consumed("mine", effectId))), "one of two had its effect");
        assertEquals(1, poll.apply(List.of(consumed("mine", effectId))), "a duplicate alone: nothing happened");
        assertEquals(2, poll.apply(List.of(consumed("mine", UUID.randomUUID().toString()))), "a new one alone");
    }

    private static ConsumerRecord<String, String> consumed(String key, String eventId) {
        ConsumerRecord<String, String> r = new ConsumerRecord<>("wake-test", 0, 0, key, "{}");
        r.headers().add("ce_id", eventId.getBytes(StandardCharsets.UTF_8));
        r.headers().add("ce_type", "vn.kyso.test.Nothing.v1".getBytes(StandardCharsets.UTF_8));
        return r;
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
