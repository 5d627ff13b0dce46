package vn.kyso.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** The AsyncAPI document must describe exactly what the records put on the wire; a drifted field fails the build. */
class AsyncApiDocumentTest {

    static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void everyTopicIsAChannelAndEveryChannelATopic() {
        JsonNode doc = AsyncApi.document();
        Set<String> addresses = new HashSet<>();
        doc.get("channels").properties().forEach(c -> {
            String address = c.getValue().get("address").asText();
            addresses.add(address);
            assertEquals(address, c.getValue().at("/bindings/kafka/topic").asText(), c.getKey());
            assertTrue(c.getValue().at("/bindings/kafka/partitions").asInt() > 0, c.getKey());
            assertFalse(c.getValue().at("/bindings/kafka/topicConfiguration/retention.ms").isMissingNode(), c.getKey());
        });
        assertEquals(Set.copyOf(Topics.ALL), addresses);
    }

    @Test
    void everyChannelIsPublishedByAnOperation() {
        JsonNode doc = AsyncApi.document();
        Set<String> sent = new HashSet<>();
        doc.get("operations").forEach(op -> {
            if (op.get("action").asText().equals("send")) {
                sent.add(AsyncApi.resolve(doc, op.at("/channel/$ref").asText()).get("address").asText());
            }
        });
        assertEquals(Set.copyOf(Topics.ALL), sent);
    }

    @Test
    void everyDocumentedConsumerHasAReceiveOperation() {
        JsonNode doc = AsyncApi.document();
        Set<String> expected = new HashSet<>();
        doc.get("channels").forEach(c -> c.get("x-kyso-consumers").forEach(consumer -> expected.add(
                consumer.asText() + " " + c.get("address").asText())));
        expected.add("certificate-feed kyso.certificate.events");
        Set<String> received = new HashSet<>();
        doc.get("operations").forEach(op -> {
            assertTrue(Set.of("send", "receive").contains(op.get("action").asText()), op.toString());
            if (op.get("action").asText().equals("receive")) {
                String address = AsyncApi.resolve(doc, op.at("/channel/$ref").asText()).get("address").asText();
                received.add(op.get("x-kyso-consumer").asText() + " " + address);
            }
        });
        assertEquals(expected, received);
    }

    @Test
    void theClusterServerDeclaresScramOverTls() {
        JsonNode doc = AsyncApi.document();
        JsonNode cluster = doc.at("/servers/cluster");
        assertEquals("kafka-secure", cluster.get("protocol").asText());
        JsonNode scheme = AsyncApi.resolve(doc, cluster.at("/security/0/$ref").asText());
        assertEquals("scramSha512", scheme.get("type").asText());
        assertTrue(doc.at("/servers/local/security").isMissingNode(), "the local broker is plain");
    }

    @Test
    void everyEventTypeIsAMessageOfItsTopicsChannel() {
        JsonNode doc = AsyncApi.document();
        Set<String> documented = new HashSet<>();
        doc.get("channels").forEach(channel -> channel.get("messages").forEach(ref -> {
            JsonNode message = AsyncApi.resolve(doc, ref.get("$ref").asText());
            String type = message.get("name").asText();
            EventType<?> eventType = EventTypes.byType(type).orElseThrow(() -> new AssertionError(
                    "the document describes " + type + ", which no EventType publishes"));
            assertEquals(eventType.topic(), channel.get("address").asText(), type);
            assertTrue(documented.add(type), "described twice: " + type);
        }));
        assertEquals(EventTypes.ALL.stream().map(EventType::type).collect(Collectors.toSet()), documented);
    }

    @Test
    void everyMessageCarriesTheCloudEventHeadersAndNamesItsKey() {
        JsonNode doc = AsyncApi.document();
        JsonNode headers = doc.at("/components/messageTraits/cloudEvent/headers");
        assertEquals(Set.of(CloudEventConventions.HEADER_SPEC_VERSION, CloudEventConventions.HEADER_ID,
                        CloudEventConventions.HEADER_TYPE, CloudEventConventions.HEADER_SOURCE,
                        CloudEventConventions.HEADER_SUBJECT, CloudEventConventions.HEADER_TIME, "content-type"),
                AsyncApi.names(headers.get("required")));
        assertEquals(CloudEventConventions.SPEC_VERSION, headers.at("/properties/ce_specversion/const").asText());
        assertEquals(CloudEventConventions.CONTENT_TYPE, headers.at("/properties/content-type/const").asText());
        for (EventType<?> type : EventTypes.ALL) {
            JsonNode message = AsyncApi.message(doc, type);
            assertEquals("#/components/messageTraits/cloudEvent", message.at("/traits/0/$ref").asText(), type.type());
            String keyField = message.at("/bindings/kafka/key/x-kyso-key").asText();
            assertTrue(componentNames(type.payload()).contains(keyField),
                    type.type() + ": the key names no payload field: " + keyField);
        }
    }

    @Test
    void payloadSchemasMatchTheRecordsFieldByField() {
        JsonNode doc = AsyncApi.document();
        for (EventType<?> type : EventTypes.ALL) {
            checkRecord(doc, AsyncApi.payload(doc, type), type.payload(), type.type());
        }
    }

    @Test
    void goldenSamplesAreValidAgainstTheirSchemas() throws IOException {
        JsonNode doc = AsyncApi.document();
        for (EventType<?> type : EventTypes.ALL) {
            JsonNode sample = JSON.readTree(golden(type.type()));
            List<String> errors = new ArrayList<>();
            AsyncApi.validate(doc, AsyncApi.payload(doc, type), sample, type.type(), errors);
            assertEquals(List.of(), errors);
        }
    }

    @Test
    void theValidatorCatchesDriftedSamples() throws IOException {
        JsonNode doc = AsyncApi.document();
        JsonNode schema = AsyncApi.payload(doc, EventTypes.CERTIFICATE_ISSUED);
        ObjectNode sample = (ObjectNode) JSON.readTree(golden(EventTypes.CERTIFICATE_ISSUED.type()));
        List<String> errors = new ArrayList<>();

        ObjectNode missing = sample.deepCopy();
        missing.remove("serialNumber");
        AsyncApi.validate(doc, schema, missing, "missing", errors);
        ObjectNode retyped = sample.deepCopy();
        retyped.put("notAfter", 1_700_000_000L);
        AsyncApi.validate(doc, schema, retyped, "retyped", errors);
        ObjectNode badUuid = sample.deepCopy();
        badUuid.put("accountId", "not-a-uuid");
        AsyncApi.validate(doc, schema, badUuid, "uuid", errors);
        ObjectNode nullNotAllowed = sample.deepCopy();
        nullNotAllowed.putNull("accountId");
        AsyncApi.validate(doc, schema, nullNotAllowed, "null", errors);
        ObjectNode undocumented = sample.deepCopy();
        undocumented.put("surprise", "x");
        AsyncApi.validate(doc, schema, undocumented, "extra", errors);

        assertEquals(5, errors.size(), String.join("\n", errors));
        ObjectNode nullAllowed = sample.deepCopy();
        nullAllowed.putNull("credentialId");
        List<String> none = new ArrayList<>();
        AsyncApi.validate(doc, schema, nullAllowed, "nullable", none);
        assertEquals(List.of(), none);
    }

    private static void checkRecord(JsonNode doc, JsonNode schema, Class<?> record, String where) {
        JsonNode properties = schema.get("properties");
        assertNotNull(properties, where + ": no properties");
        assertEquals(componentNames(record), new LinkedHashSet<>(AsyncApi.fieldNames(properties)),
                where + ": the schema's fields differ from " + record.getSimpleName() + "'s components");
        Set<String> required = AsyncApi.names(schema.get("required"));
        assertTrue(properties.propertyStream().map(e -> e.getKey()).collect(Collectors.toSet()).containsAll(required),
                where + ": required names an undeclared field");
        for (RecordComponent component : record.getRecordComponents()) {
            String field = where + "." + component.getName();
            JsonNode property = properties.get(component.getName());
            if (property.has("$ref")) {
                JsonNode target = AsyncApi.resolve(doc, property.get("$ref").asText());
                assertTrue(component.getType().isRecord(), field + " refers to a schema but is not a record");
                checkRecord(doc, target, component.getType(), field);
                continue;
            }
            Set<String> types = AsyncApi.types(property);
            String expected = jsonType(component.getGenericType(), field);
            assertTrue(types.contains(expected), field + ": documented as " + types + ", serialised as " + expected);
            assertTrue(types.size() == 1 || (types.size() == 2 && types.contains("null")), field + ": " + types);
            if (component.getType().isPrimitive()) {
                assertFalse(types.contains("null"), field + " is primitive and cannot be null");
                assertTrue(required.contains(component.getName()), field + " is primitive, so always present");
            }
            if (component.getType() == UUID.class) {
                assertEquals("uuid", property.path("format").asText(), field);
            }
            if (component.getType() == Instant.class) {
                assertEquals("date-time", property.path("format").asText(), field);
            }
        }
    }

    private static String jsonType(Type type, String field) {
        if (type instanceof ParameterizedType p && List.class.equals(p.getRawType())) {
            return "array";
        }
        if (type == String.class || type == UUID.class || type == Instant.class) {
            return "string";
        }
        if (type == int.class || type == Integer.class || type == long.class || type == Long.class) {
            return "integer";
        }
        if (type == boolean.class || type == Boolean.class) {
            return "boolean";
        }
        fail(field + ": no JSON type known for " + type.getTypeName());
        return null;
    }

    private static Set<String> componentNames(Class<?> record) {
        return Arrays.stream(record.getRecordComponents()).map(RecordComponent::getName)
                .collect(Collectors.toCollection(LinkedHashSet::new));
    }

    static String golden(String type) throws IOException {
        try (InputStream in = AsyncApiDocumentTest.class.getResourceAsStream("/golden/" + type + ".json")) {
            assertNotNull(in, "missing golden sample for " + type);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
