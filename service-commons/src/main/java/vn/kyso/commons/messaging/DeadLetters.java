package vn.kyso.commons.messaging;

import java.nio.charset.StandardCharsets;
import java.util.function.BiConsumer;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import io.smallrye.common.annotation.Identifier;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.IncomingKafkaRecord;
import io.smallrye.reactive.messaging.kafka.KafkaConnectorIncomingConfiguration;
import io.smallrye.reactive.messaging.kafka.KafkaConsumer;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.smallrye.reactive.messaging.kafka.fault.KafkaFailureHandler;
import io.vertx.mutiny.core.Vertx;

/**
 * The channels' dead-letter strategy ({@code failure-strategy=kyso-dead-letter}): a refused record goes to the
 * channel's {@code dead-letter-queue.topic} with the reason in {@code dead-letter-*} headers, through the service's one
 * producer.
 *
 * <p>The connector's own {@code dead-letter-queue} strategy opens a Kafka producer per consumer channel (five in
 * signing-service), each with its own connection and sender thread, made one after another on the start-up path.
 * Records here are acknowledged only after the dead-letter topic has them; if that fails the channel is reported
 * failed (health goes down) and the record is read again after a restart, never skipped.
 */
@ApplicationScoped
@Identifier(DeadLetters.STRATEGY)
public class DeadLetters implements KafkaFailureHandler.Factory {

    /** The value of {@code mp.messaging.incoming.<channel>.failure-strategy} that selects this strategy. */
    public static final String STRATEGY = "kyso-dead-letter";

    /** Header names as the connector's own strategy writes them, so operators' tools read either. */
    public static final String REASON = "dead-letter-reason";
    public static final String CAUSE = "dead-letter-cause";
    public static final String EXCEPTION_CLASS = "dead-letter-exception-class-name";
    public static final String TOPIC = "dead-letter-topic";
    public static final String PARTITION = "dead-letter-partition";
    public static final String OFFSET = "dead-letter-offset";

    private static final Logger LOG = Logger.getLogger(DeadLetters.class);

    private final KafkaOut out;

    public DeadLetters(KafkaOut out) {
        this.out = out;
    }

    @Override
    public KafkaFailureHandler create(KafkaConnectorIncomingConfiguration config, Vertx vertx,
            KafkaConsumer<?, ?> consumer, BiConsumer<Throwable, Boolean> reportFailure) {
        String channel = config.getChannel();
        String topic = config.getDeadLetterQueueTopic().orElseThrow(() -> new IllegalStateException(
                "mp.messaging.incoming." + channel + ".dead-letter-queue.topic is required with failure-strategy="
                        + STRATEGY));
        return new Handler(channel, topic, reportFailure);
    }

    /**
     * Sends one record of a batch channel to the channel's dead-letter topic (a batch's own failure would take every
     * record of the poll there); completes once the broker has it.
     */
    public Uni<Void> refuse(String channel, ConsumerRecord<String, String> record, Throwable reason) {
        String topic = ConfigProvider.getConfig().getValue(
                "mp.messaging.incoming." + channel + ".dead-letter-queue.topic", String.class);
        return send(channel, topic, record.key(), record.value(), record.headers(), record.topic(),
                record.partition(), record.offset(), reason);
    }

    private Uni<Void> send(String channel, String deadLetterTopic, String key, String value, Headers original,
            String topic, int partition, long offset, Throwable reason) {
        Message<String> dead = Message.of(value)
                .addMetadata(OutgoingKafkaRecordMetadata.<String>builder()
                        .withTopic(deadLetterTopic)
                        .withKey(key)
                        .withHeaders(headers(original, topic, partition, offset, reason))
                        .build());
        // The reason's text stays in the header: a parser's message may quote the record.
        LOG.warnf("%s: record %s-%d@%d refused (%s), sent to %s", channel, topic, partition, offset,
                reason.getClass().getSimpleName(), deadLetterTopic);
        return out.send(dead);
    }

    /** The headers of a dead-letter record: the original ones, then where it came from and why it was refused. */
    static Headers headers(Headers original, String topic, int partition, long offset, Throwable reason) {
        RecordHeaders headers = new RecordHeaders(original == null ? new org.apache.kafka.common.header.Header[0]
                : original.toArray());
        put(headers, REASON, reason.getMessage() != null ? reason.getMessage() : reason.getClass().getSimpleName());
        headers.remove(CAUSE); // a record dead-lettered again must not keep an earlier failure's cause
        if (reason.getCause() != null && reason.getCause().getMessage() != null) {
            put(headers, CAUSE, reason.getCause().getMessage());
        }
        put(headers, EXCEPTION_CLASS, reason.getClass().getName());
        put(headers, TOPIC, topic);
        put(headers, PARTITION, Integer.toString(partition));
        put(headers, OFFSET, Long.toString(offset));
        return headers;
    }

    private static void put(Headers headers, String name, String value) {
        headers.remove(name);
        headers.add(name, value.getBytes(StandardCharsets.UTF_8));
    }

    private final class Handler implements KafkaFailureHandler {

        private final String channel;
        private final String topic;
        private final BiConsumer<Throwable, Boolean> reportFailure;

        Handler(String channel, String topic, BiConsumer<Throwable, Boolean> reportFailure) {
            this.channel = channel;
            this.topic = topic;
            this.reportFailure = reportFailure;
        }

        @Override
        public <K, V> Uni<Void> handle(IncomingKafkaRecord<K, V> record, Throwable reason,
                org.eclipse.microprofile.reactive.messaging.Metadata metadata) {
            Object key = record.getKey();
            Object value = record.getPayload();
            return send(channel, topic, key == null ? null : key.toString(), value == null ? null : value.toString(),
                    record.getHeaders(), record.getTopic(), record.getPartition(), record.getOffset(), reason)
                    .onFailure().invoke(e -> reportFailure.accept(e, true))
                    .chain(() -> Uni.createFrom().completionStage(record.ack()))
                    .emitOn(record::runOnMessageContext);
        }
    }
}
