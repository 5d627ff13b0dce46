package vn.kyso.commons.inbox;

import java.nio.charset.StandardCharsets;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

import vn.kyso.events.CloudEventConventions;
import vn.kyso.events.EventCodec;
import vn.kyso.events.MalformedEventException;

/**
 * A CloudEvent read from Kafka in binary mode: the ce_* headers plus the JSON payload.
 *
 * @param id ce_id, the dedupe key
 * @param type ce_type, which says how to read the payload
 * @param subject ce_subject, the aggregate id
 */
public record IncomingEvent(String id, String type, String source, String subject, String key, String payload) {

    public static IncomingEvent from(ConsumerRecord<String, String> record) {
        String id = header(record, CloudEventConventions.HEADER_ID);
        String type = header(record, CloudEventConventions.HEADER_TYPE);
        if (id == null || id.isBlank() || type == null || type.isBlank()) {
            throw new MalformedEventException("record at " + record.topic() + "/" + record.partition() + "@"
                    + record.offset() + " has no ce_id or ce_type header");
        }
        if (record.value() == null) {
            throw new MalformedEventException("event " + id + " has no payload");
        }
        return new IncomingEvent(id, type, header(record, CloudEventConventions.HEADER_SOURCE),
                header(record, CloudEventConventions.HEADER_SUBJECT), record.key(), record.value());
    }

    /** The record's ce_id, or null when it has none (then {@link #from} refuses it as malformed). */
    public static String idOf(ConsumerRecord<String, String> record) {
        return header(record, CloudEventConventions.HEADER_ID);
    }

    /** The record's ce_type, or null when it has none (then {@link #from} refuses it as malformed). */
    public static String typeOf(ConsumerRecord<String, String> record) {
        return header(record, CloudEventConventions.HEADER_TYPE);
    }

    public <T> T payload(Class<T> type) {
        return EventCodec.fromJson(payload, type);
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
