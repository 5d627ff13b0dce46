package vn.kyso.commons.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;

import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;

/**
 * The service's one Kafka producer (channel {@code kyso-outbox}): outbox events and dead-letter records both leave
 * through it, each message naming its topic in {@code OutgoingKafkaRecordMetadata}.
 */
@ApplicationScoped
public class KafkaOut {

    private final MutinyEmitter<String> emitter;

    public KafkaOut(@Channel("kyso-outbox") MutinyEmitter<String> emitter) {
        this.emitter = emitter;
    }

    /** Completes when the broker acknowledged the record (acks=all, idempotent producer). */
    public Uni<Void> send(Message<String> message) {
        return emitter.sendMessage(message);
    }
}
