package vn.kyso.account;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Multi;
import jakarta.inject.Inject;
import vn.kyso.commons.outbox.Outbox;
import vn.kyso.commons.outbox.OutboxRelay;
import vn.kyso.events.CloudEventConventions;
import vn.kyso.events.EventCodec;
import vn.kyso.events.EventTypes;
import vn.kyso.events.Topics;
import vn.kyso.events.account.AccountCreated;
import vn.kyso.testsupport.JwtKeysTestResource;
import vn.kyso.testsupport.KafkaTestResource;
import vn.kyso.testsupport.PostgresTestResource;
import vn.kyso.testsupport.TopicReader;

@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "account"))
@WithTestResource(JwtKeysTestResource.class)
class OutboxOrderTest {

    @Inject
    Outbox outbox;

    @Inject
    OutboxRelay relay;

    @Test
    void eventsOfOneAggregateArriveOnceEachInTheOrderTheyWereWritten() throws Throwable {
        UUID aggregate = UUID.randomUUID();
        int perTransaction = 30;
        int transactions = 5;
        // Several transactions, each appending a run of events; the relay batches them (batch size 100) as it likes.
        for (int t = 0; t < transactions; t++) {
            int base = t * perTransaction;
            VertxContextSupport.subscribeAndAwait(() -> Panache.withTransaction(() -> Multi.createFrom()
                    .range(base, base + perTransaction)
                    .onItem().transformToUniAndConcatenate(
                            i -> outbox.append(EventTypes.ACCOUNT_CREATED, aggregate, event(aggregate, i)))
                    .collect().last()));
            relay.wake();
        }
        int total = perTransaction * transactions;
        TopicReader.awaitRecords(Topics.ACCOUNT_EVENTS, r -> aggregate.toString().equals(r.key()), total,
                Duration.ofSeconds(60));
        List<ConsumerRecord<String, String>> records = TopicReader.readAll(Topics.ACCOUNT_EVENTS,
                r -> aggregate.toString().equals(r.key()));
        List<Integer> sequence = records.stream()
                .map(r -> Integer.parseInt(EventCodec.fromJson(r.value(), AccountCreated.class).identifier()))
                .toList();
        assertEquals(IntStream.range(0, total).boxed().toList(), sequence);

        // The record carries the CloudEvents headers the AsyncAPI document promises (AsyncApiDocumentTest ties the
        // document's header list to these constants).
        ConsumerRecord<String, String> first = records.get(0);
        Map<String, String> headers = new HashMap<>();
        first.headers().forEach(h -> headers.put(h.key(), new String(h.value(), StandardCharsets.UTF_8)));
        assertEquals(CloudEventConventions.SPEC_VERSION, headers.get(CloudEventConventions.HEADER_SPEC_VERSION));
        assertEquals(EventTypes.ACCOUNT_CREATED.type(), headers.get(CloudEventConventions.HEADER_TYPE));
        assertEquals("/kyso/account-service", headers.get(CloudEventConventions.HEADER_SOURCE));
        assertEquals(first.key(), headers.get(CloudEventConventions.HEADER_SUBJECT));
        assertNotNull(UUID.fromString(headers.get(CloudEventConventions.HEADER_ID)));
        assertNotNull(OffsetDateTime.parse(headers.get(CloudEventConventions.HEADER_TIME)));
        assertEquals(CloudEventConventions.CONTENT_TYPE, headers.get("content-type"));
    }

    private static AccountCreated event(UUID aggregate, int sequence) {
        return new AccountCreated(aggregate, String.valueOf(sequence), "CCCD", "Thứ Tự", "order@example.vn",
                "+84912345678", "Hà Nội", "Đống Đa", "UNACTIVATED", Instant.now());
    }
}
