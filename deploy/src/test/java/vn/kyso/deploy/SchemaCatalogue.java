package vn.kyso.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;

/**
 * The pinned API schemas of {@code ../shared/schemas} (the Kubernetes OpenAPI document and the operators' CRDs) as one
 * JSON Schema document, made strict the way the API server is with {@code --validate=strict}: an object that declares
 * its properties accepts no others, unless its schema says it preserves unknown fields.
 */
final class SchemaCatalogue {

    static final String DOCUMENT = "https://schemas.kyso.invalid/catalogue.json";
    static final String OBJECT_META = "io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta";
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<String, String> definitionByType = new HashMap<>();
    private final Set<String> sources = new TreeSet<>();
    private final SchemaRegistry registry;
    private final Map<String, Schema> schemas = new HashMap<>();

    private SchemaCatalogue(Path dir) throws IOException {
        ObjectNode definitions = NODES.objectNode();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                String name = file.getFileName().toString();
                if (name.endsWith(".json")) {
                    addOpenApi(definitions, JSON.readTree(file.toFile()));
                } else if (name.endsWith(".yaml") || name.endsWith(".yml")) {
                    for (JsonNode doc : Kustomize.YAML.readValues(Kustomize.YAML.getFactory().createParser(
                            file.toFile()), JsonNode.class).readAll()) {
                        if ("CustomResourceDefinition".equals(doc.path("kind").asText())) {
                            addCrd(definitions, doc);
                        }
                    }
                } else {
                    continue;
                }
                sources.add(dir.relativize(file).toString());
            }
        }
        if (!definitions.has(OBJECT_META)) {
            throw new IllegalStateException(dir + " holds no Kubernetes OpenAPI document (swagger.json)");
        }
        String document = JSON.writeValueAsString(NODES.objectNode().set("definitions", definitions));
        registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_4,
                b -> b.schemas(Map.of(DOCUMENT, document)));
    }

    /** The folder of pinned schemas: {@code KYSO_K8S_SCHEMAS}, else {@code shared/schemas} beside the repository. */
    static Path dir() {
        String configured = System.getenv("KYSO_K8S_SCHEMAS");
        return configured != null && !configured.isBlank() ? Path.of(configured)
                : ServiceModule.ROOT.resolve("../shared/schemas").normalize();
    }

    static String unavailableReason() {
        return Files.isDirectory(dir()) ? null : "the pinned schemas are not at " + dir() + " (set KYSO_K8S_SCHEMAS)";
    }

    static SchemaCatalogue load() {
        try {
            return new SchemaCatalogue(dir());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The schema files read, relative to {@link #dir()}. */
    Set<String> sources() {
        return sources;
    }

    boolean knows(JsonNode object) {
        return definitionByType.containsKey(type(object));
    }

    /** What the API server would refuse in this object; empty when it is valid. */
    List<String> validate(JsonNode object) {
        String definition = definitionByType.get(type(object));
        if (definition == null) {
            return List.of("no pinned schema for " + type(object));
        }
        Schema schema = schemas.computeIfAbsent(definition, d -> registry.getSchema(
                SchemaLocation.of(DOCUMENT + "#/definitions/" + d)));
        List<String> errors = new ArrayList<>();
        for (Error e : schema.validate(object)) {
            errors.add(e.getInstanceLocation() + ": " + e.getMessage());
        }
        return errors;
    }

    private static String type(JsonNode object) {
        return object.path("apiVersion").asText() + " " + object.path("kind").asText();
    }

    private void addOpenApi(ObjectNode definitions, JsonNode swagger) {
        swagger.path("definitions").fields().forEachRemaining(d -> {
            ObjectNode schema = (ObjectNode) d.getValue().deepCopy();
            strict(schema);
            definitions.set(d.getKey(), schema);
            for (JsonNode gvk : d.getValue().path("x-kubernetes-group-version-kind")) {
                String group = gvk.path("group").asText();
                String apiVersion = group.isEmpty() ? gvk.path("version").asText()
                        : group + "/" + gvk.path("version").asText();
                definitionByType.put(apiVersion + " " + gvk.path("kind").asText(), d.getKey());
            }
        });
        // Both are strings in the document but the API server takes numbers for them too ("port: 8080", "cpu: 2").
        definitions.set("io.k8s.apimachinery.pkg.util.intstr.IntOrString", anyOf("integer", "string"));
        definitions.set("io.k8s.apimachinery.pkg.api.resource.Quantity", anyOf("string", "number"));
    }

    private void addCrd(ObjectNode definitions, JsonNode crd) {
        String group = crd.at("/spec/group").asText();
        String kind = crd.at("/spec/names/kind").asText();
        for (JsonNode version : crd.at("/spec/versions")) {
            if (!version.path("served").asBoolean(false)) {
                continue;
            }
            ObjectNode schema = (ObjectNode) version.at("/schema/openAPIV3Schema").deepCopy();
            crdStrict(schema);
            ObjectNode properties = schema.withObject("/properties");
            properties.set("metadata", NODES.objectNode().put("$ref", "#/definitions/" + OBJECT_META));
            String name = "crd." + group + "." + version.path("name").asText() + "." + kind;
            definitions.set(name, schema);
            definitionByType.put(group + "/" + version.path("name").asText() + " " + kind, name);
        }
    }

    /** The OpenAPI v2 document: objects with declared properties take no others. */
    private static void strict(JsonNode node) {
        if (node instanceof ObjectNode o) {
            if (o.has("properties") && !o.has("additionalProperties")
                    && !o.path("x-kubernetes-preserve-unknown-fields").asBoolean(false)) {
                o.put("additionalProperties", false);
            }
            o.path("properties").forEach(SchemaCatalogue::strict);
            strict(o.path("items"));
            strict(o.path("additionalProperties"));
        }
    }

    /** A CRD's structural schema, with its OpenAPI v3 extensions spelt as JSON Schema draft 4. */
    private static void crdStrict(JsonNode node) {
        if (!(node instanceof ObjectNode o)) {
            return;
        }
        if (o.path("x-kubernetes-int-or-string").asBoolean(false)) {
            o.remove("type");
            o.set("anyOf", anyOf("integer", "string").get("anyOf"));
        }
        if (o.path("nullable").asBoolean(false) && o.has("type") && o.get("type").isTextual()) {
            ArrayNode types = NODES.arrayNode().add(o.get("type").asText()).add("null");
            o.set("type", types);
        }
        if (o.has("properties") && !o.has("additionalProperties")
                && !o.path("x-kubernetes-preserve-unknown-fields").asBoolean(false)) {
            o.put("additionalProperties", false);
        }
        // A structural schema declares every field under properties/items/additionalProperties; the branches of
        // allOf/anyOf/oneOf only add constraints, so they are left as they are.
        for (Iterator<JsonNode> it = o.path("properties").elements(); it.hasNext();) {
            crdStrict(it.next());
        }
        crdStrict(o.path("items"));
        crdStrict(o.path("additionalProperties"));
    }

    private static ObjectNode anyOf(String... types) {
        ArrayNode any = NODES.arrayNode();
        for (String t : types) {
            any.add(NODES.objectNode().put("type", t));
        }
        return NODES.objectNode().set("anyOf", any);
    }
}
