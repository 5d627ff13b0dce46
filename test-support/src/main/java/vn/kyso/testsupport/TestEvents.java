package vn.kyso.testsupport;

import java.util.Map;
import java.util.UUID;

import vn.kyso.events.EventCodec;
import vn.kyso.events.EventType;

/** Publishes an event the way the outbox relay does (JSON body, CloudEvents binary headers), for consumer tests. */
public final class TestEvents {

    private TestEvents() {
    }

    /** @return the event id, so a test can deliver the same event again */
    public static <T> String publish(EventType<T> type, Object key, T payload) {
        String id = UUID.randomUUID().toString();
        publish(type, key, payload, id);
        return id;
    }

    public static <T> void publish(EventType<T> type, Object key, T payload, String eventId) {
        TopicReader.send(type.topic(), key.toString(), EventCodec.toJson(payload), Map.of(
                "ce_id", eventId, "ce_type", type.type(), "ce_specversion", "1.0",
                "ce_source", "/kyso/test", "ce_subject", key.toString()));
    }
}
