package vn.kyso.events;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

/** Reads the shipped AsyncAPI document and checks JSON against its schemas (the subset of JSON Schema it uses). */
final class AsyncApi {

    static final String RESOURCE = "/META-INF/resources/asyncapi.yaml";

    private AsyncApi() {
    }

    static JsonNode document() {
        try (InputStream in = AsyncApi.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is not in the jar");
            }
            return new ObjectMapper(new YAMLFactory()).readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode resolve(JsonNode doc, String ref) {
        if (!ref.startsWith("#/")) {
            throw new AssertionError("only local references are used: " + ref);
        }
        JsonNode node = doc;
        for (String part : ref.substring(2).split("/")) {
            node = node.get(part.replace("~1", "/").replace("~0", "~"));
            if (node == null) {
                throw new AssertionError("dangling reference " + ref);
            }
        }
        return node;
    }

    static JsonNode message(JsonNode doc, EventType<?> type) {
        for (var entry : doc.at("/components/messages").properties()) {
            if (type.type().equals(entry.getValue().path("name").asText())) {
                return entry.getValue();
            }
        }
        throw new AssertionError("no message describes " + type.type());
    }

    static JsonNode payload(JsonNode doc, EventType<?> type) {
        return resolve(doc, message(doc, type).at("/payload/$ref").asText());
    }

    static Set<String> names(JsonNode array) {
        Set<String> names = new LinkedHashSet<>();
        if (array != null) {
            array.forEach(n -> names.add(n.asText()));
        }
        return names;
    }

    static List<String> fieldNames(JsonNode object) {
        List<String> names = new ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }

    static Set<String> types(JsonNode schema) {
        JsonNode type = schema.get("type");
        if (type == null) {
            return Set.of();
        }
        return type.isArray() ? names(type) : Set.of(type.asText());
    }

    /**
     * Appends one error per offending value. Stricter than the document on purpose: our own samples may not carry a
     * field the schema does not declare, although consumers must tolerate such fields (additionalProperties).
     */
    static void validate(JsonNode doc, JsonNode schema, JsonNode value, String where, List<String> errors) {
        if (schema.has("$ref")) {
            validate(doc, resolve(doc, schema.get("$ref").asText()), value, where, errors);
            return;
        }
        Set<String> types = types(schema);
        String actual = jsonType(value);
        if (!types.isEmpty() && !types.contains(actual)) {
            errors.add(where + ": " + actual + " where the schema says " + types);
            return;
        }
        if (schema.has("const") && !schema.get("const").equals(value)) {
            errors.add(where + ": must be " + schema.get("const"));
            return;
        }
        if (schema.has("enum") && !names(schema.get("enum")).contains(value.asText())) {
            errors.add(where + ": " + value + " is not one of " + schema.get("enum"));
            return;
        }
        switch (actual) {
            case "string" -> checkFormat(schema.path("format").asText(""), value.asText(), where, errors);
            case "integer" -> {
                if (schema.has("minimum") && value.asLong() < schema.get("minimum").asLong()
                        || schema.has("maximum") && value.asLong() > schema.get("maximum").asLong()) {
                    errors.add(where + ": " + value + " is out of range");
                }
            }
            case "array" -> {
                int i = 0;
                for (JsonNode item : value) {
                    validate(doc, schema.path("items"), item, where + "[" + i++ + "]", errors);
                }
            }
            case "object" -> {
                JsonNode properties = schema.path("properties");
                for (String required : names(schema.get("required"))) {
                    if (!value.has(required)) {
                        errors.add(where + ": required field " + required + " is missing");
                    }
                }
                for (Map.Entry<String, JsonNode> field : value.properties()) {
                    JsonNode property = properties.get(field.getKey());
                    if (property == null) {
                        errors.add(where + ": field " + field.getKey() + " is not in the schema");
                    } else {
                        validate(doc, property, field.getValue(), where + "." + field.getKey(), errors);
                    }
                }
            }
            default -> {
            }
        }
    }

    private static void checkFormat(String format, String text, String where, List<String> errors) {
        try {
            switch (format) {
                case "uuid" -> UUID.fromString(text);
                case "date-time" -> OffsetDateTime.parse(text);
                case "email" -> {
                    if (!text.matches("[^@\\s]+@[^@\\s]+")) {
                        errors.add(where + ": not an email address");
                    }
                }
                default -> {
                }
            }
        } catch (IllegalArgumentException | DateTimeParseException e) {
            errors.add(where + ": not a valid " + format + ": " + text);
        }
    }

    private static String jsonType(JsonNode value) {
        if (value.isNull()) {
            return "null";
        }
        if (value.isTextual()) {
            return "string";
        }
        if (value.isIntegralNumber()) {
            return "integer";
        }
        if (value.isNumber()) {
            return "number";
        }
        if (value.isBoolean()) {
            return "boolean";
        }
        return value.isArray() ? "array" : "object";
    }
}
