package vn.kyso.deploy;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** A comparable form of a rendered object: lists of named elements in name order (their order carries no meaning). */
final class Normal {

    private Normal() {
    }

    static JsonNode form(JsonNode node) {
        if (node instanceof ObjectNode object) {
            ObjectNode copy = object.objectNode();
            object.fields().forEachRemaining(f -> copy.set(f.getKey(), form(f.getValue())));
            return copy;
        }
        if (node instanceof ArrayNode array) {
            List<JsonNode> elements = new ArrayList<>();
            array.forEach(e -> elements.add(form(e)));
            if (!elements.isEmpty() && elements.stream().allMatch(e -> e.isObject() && e.has("name"))) {
                elements.sort(Comparator.comparing(e -> e.get("name").asText()));
            }
            ArrayNode copy = array.arrayNode();
            elements.forEach(copy::add);
            return copy;
        }
        return node;
    }
}
