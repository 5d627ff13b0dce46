package vn.kyso.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * The one JSON form of event payloads, shared by producers, consumers and the golden samples.
 *
 * <p>Unknown fields are ignored on read so a consumer keeps working when a producer adds an optional field.
 */
public final class EventCodec {

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private EventCodec() {
    }

    public static String toJson(Object payload) {
        try {
            return MAPPER.writeValueAsString(payload);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("event payload cannot be serialised: " + payload.getClass().getSimpleName(), e);
        }
    }

    /** Reads a payload; throws {@link MalformedEventException} when the JSON does not fit the record. */
    public static <T> T fromJson(String json, Class<T> type) {
        try {
            T value = MAPPER.readValue(json, type);
            if (value == null) {
                throw new MalformedEventException("empty payload for " + type.getSimpleName());
            }
            return value;
        } catch (JsonProcessingException e) {
            throw new MalformedEventException("payload is not a valid " + type.getSimpleName() + ": "
                    + e.getOriginalMessage());
        }
    }
}
