package vn.kyso.signing.transaction.messaging;

import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import com.fasterxml.jackson.databind.JsonNode;

import vn.kyso.commons.inbox.IncomingEvent;
import vn.kyso.events.EventCodec;
import vn.kyso.events.EventTypes;
import vn.kyso.signing.transaction.service.TransactionStream;

/**
 * Feeds the live transaction streams from {@code kyso.signature.events}, in a consumer group of this replica alone
 * (every replica must see every event for the subscribers connected to it); nothing is stored, so no dedupe is needed:
 * a repeated change only makes the app refresh its list again.
 */
@ApplicationScoped
public class TransactionStreamConsumer {

    private static final Map<String, String> CHANGES = Map.of(
            EventTypes.SIGNATURE_REQUESTED.type(), "REQUESTED",
            EventTypes.SIGNATURE_COMPLETED.type(), "SIGNED",
            EventTypes.SIGNATURE_REJECTED.type(), "REJECTED",
            EventTypes.SIGNATURE_EXPIRED.type(), "EXPIRED");

    private final TransactionStream stream;

    public TransactionStreamConsumer(TransactionStream stream) {
        this.stream = stream;
    }

    @Incoming("signature-stream")
    public void onSignatureEvent(ConsumerRecord<String, String> record) {
        String change = CHANGES.get(IncomingEvent.typeOf(record));
        if (change == null || record.value() == null) {
            return;
        }
        try {
            JsonNode event = EventCodec.fromJson(record.value(), JsonNode.class);
            stream.publish(java.util.UUID.fromString(event.path("accountId").asText()), change,
                    java.util.UUID.fromString(event.path("transactionId").asText()), java.time.Instant.now());
        } catch (RuntimeException e) {
            // An unreadable event changes no screen; the durable consumers deal with it.
        }
    }
}
