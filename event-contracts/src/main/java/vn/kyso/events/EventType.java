package vn.kyso.events;

/**
 * A published event kind: its CloudEvents type, the topic it goes to and the record that is its payload.
 *
 * @param type the ce_type, versioned; a changed payload is a new type, never an edit
 * @param topic the aggregate's topic
 * @param payload the immutable record serialised as the JSON payload
 */
public record EventType<T>(String type, String topic, Class<T> payload) {

    public static <T> EventType<T> of(String aggregate, String name, int version, String topic, Class<T> payload) {
        return new EventType<>(CloudEventConventions.type(aggregate, name, version), topic, payload);
    }
}
