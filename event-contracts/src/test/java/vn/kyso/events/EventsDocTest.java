package vn.kyso.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * docs/events.md carries the AsyncAPI document rendered as tables; the rendering is checked so the page cannot drift.
 * Run with {@code -Dkyso.write-docs=true} to rewrite it after changing the document.
 */
class EventsDocTest {

    static final String BEGIN = "<!-- generated from event-contracts asyncapi.yaml by EventsDocTest: begin -->";
    static final String END = "<!-- generated: end -->";
    private static final Path PAGE = Path.of("../docs/events.md");

    @Test
    void docsEventsMdShowsTheCurrentDocument() throws IOException {
        String page = Files.readString(PAGE, StandardCharsets.UTF_8);
        int begin = page.indexOf(BEGIN);
        int end = page.indexOf(END);
        assertTrue(begin >= 0 && end > begin, "docs/events.md lacks the generated section markers");
        String rendered = render(AsyncApi.document());
        String expected = page.substring(0, begin + BEGIN.length()) + "\n" + rendered + page.substring(end);
        if (Boolean.getBoolean("kyso.write-docs")) {
            Files.writeString(PAGE, expected, StandardCharsets.UTF_8);
            page = expected;
        }
        assertEquals(expected, page, "docs/events.md is stale: run ./mvnw -pl event-contracts test -Dkyso.write-docs=true");
    }

    static String render(JsonNode doc) {
        StringBuilder md = new StringBuilder();
        md.append("\n## Topics\n\n| topic | producer | Kyso consumers | partitions | retention | events |\n")
                .append("|---|---|---|---|---|---|\n");
        doc.get("channels").forEach(channel -> {
            JsonNode kafka = channel.at("/bindings/kafka");
            StringBuilder events = new StringBuilder();
            channel.get("messages").forEach(ref -> events.append(events.isEmpty() ? "" : ", ")
                    .append(AsyncApi.resolve(doc, ref.get("$ref").asText()).get("title").asText()));
            md.append("| `").append(channel.get("address").asText()).append("` | ")
                    .append(channel.get("x-kyso-producer").isArray()
                            ? String.join(", ", AsyncApi.names(channel.get("x-kyso-producer")))
                            : channel.get("x-kyso-producer").asText()).append(" | ")
                    .append(String.join(", ", AsyncApi.names(channel.get("x-kyso-consumers")))).append(" | ")
                    .append(kafka.get("partitions").asInt()).append(" | ")
                    .append(retention(kafka.at("/topicConfiguration/retention.ms").asLong())).append(" | ")
                    .append(events).append(" |\n");
        });
        JsonNode headers = doc.at("/components/messageTraits/cloudEvent/headers");
        md.append("\n## Headers (CloudEvents 1.0, Kafka binary mode)\n\n").append(headers.get("description").asText())
                .append("\n\n| header | meaning |\n|---|---|\n");
        headers.get("properties").properties().forEach(h -> md.append("| `").append(h.getKey()).append("` | ")
                .append(h.getValue().has("const") ? "`" + h.getValue().get("const").asText() + "`"
                        : h.getValue().path("description").asText(h.getValue().path("format").asText()))
                .append(" |\n"));
        doc.get("channels").forEach(channel -> {
            md.append("\n## `").append(channel.get("address").asText()).append("` — ")
                    .append(channel.get("title").asText()).append("\n\n")
                    .append(channel.get("description").asText().strip()).append("\n");
            channel.get("messages").forEach(ref -> message(doc, AsyncApi.resolve(doc, ref.get("$ref").asText()), md));
        });
        return md.toString();
    }

    private static void message(JsonNode doc, JsonNode message, StringBuilder md) {
        JsonNode schema = AsyncApi.resolve(doc, message.at("/payload/$ref").asText());
        md.append("\n### ").append(message.get("title").asText()).append("\n\n")
                .append(message.get("summary").asText()).append("\n\n")
                .append("`ce_type` `").append(message.get("name").asText()).append("`, key = `")
                .append(message.at("/bindings/kafka/key/x-kyso-key").asText()).append("`\n\n")
                .append("| field | type | always present | meaning |\n|---|---|---|---|\n");
        Set<String> required = AsyncApi.names(schema.get("required"));
        schema.get("properties").properties().forEach(p -> {
            JsonNode property = p.getValue();
            String type;
            if (property.has("$ref")) {
                String ref = property.get("$ref").asText();
                type = "object (" + ref.substring(ref.lastIndexOf('/') + 1) + ")";
            } else {
                type = String.join(" \\| ", AsyncApi.types(property));
                if (property.has("format")) {
                    type += " (" + property.get("format").asText() + ")";
                } else if (property.has("contentEncoding")) {
                    type += " (" + property.get("contentEncoding").asText() + ")";
                }
                if (property.has("enum")) {
                    type += ": " + String.join(", ", AsyncApi.names(property.get("enum")));
                }
            }
            md.append("| `").append(p.getKey()).append("` | ").append(type).append(" | ")
                    .append(required.contains(p.getKey()) ? "yes" : "no").append(" | ")
                    .append(property.path("description").asText("").replace("|", "\\|")).append(" |\n");
        });
    }

    private static String retention(long ms) {
        if (ms < 0) {
            return "forever";
        }
        long hours = ms / 3_600_000;
        return hours % 24 == 0 ? hours / 24 + " days" : hours + " h";
    }
}
