package vn.kyso.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;

/**
 * Renders a kustomization the way {@code kubectl kustomize} does, for the features Kyso's manifests use: resources
 * (files and directories), namespace, images, and patches (strategic merge, optionally by target, or JSON 6902 ops).
 * Anything else in a kustomization fails the render, so a manifest cannot silently use a feature nobody checks.
 */
final class Kustomize {

    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Set<String> KNOWN_FIELDS = Set.of("apiVersion", "kind", "resources", "namespace", "images",
            "patches");
    /** Lists Kubernetes merges element by element (patchMergeKey) instead of replacing them. */
    private static final Map<String, String> MERGE_KEYS = Map.of("containers", "name", "initContainers", "name",
            "env", "name", "volumes", "name", "volumeMounts", "name", "imagePullSecrets", "name");
    private static final Set<String> BUILT_IN = Set.of("v1", "apps/v1", "batch/v1", "autoscaling/v2", "policy/v1",
            "networking.k8s.io/v1");
    private static final Set<String> CLUSTER_SCOPED = Set.of("Namespace", "ClusterRole", "ClusterRoleBinding",
            "CustomResourceDefinition", "StorageClass", "PersistentVolume");

    private Kustomize() {
    }

    static List<ObjectNode> render(Path dir) {
        JsonNode k = readDocuments(dir.resolve("kustomization.yaml")).get(0);
        k.fieldNames().forEachRemaining(f -> {
            if (!KNOWN_FIELDS.contains(f)) {
                throw new IllegalStateException(dir + ": kustomization field not supported by the checker: " + f);
            }
        });
        Map<String, ObjectNode> byId = new LinkedHashMap<>();
        for (JsonNode r : k.path("resources")) {
            Path path = dir.resolve(r.asText()).normalize();
            List<ObjectNode> loaded = Files.isDirectory(path) ? render(path) : readObjects(path);
            for (ObjectNode o : loaded) {
                if (byId.putIfAbsent(id(o), o) != null) {
                    throw new IllegalStateException(dir + ": resource defined twice: " + id(o));
                }
            }
        }
        List<ObjectNode> objects = new ArrayList<>(byId.values());
        for (JsonNode patch : k.path("patches")) {
            applyPatch(dir, patch, objects);
        }
        for (JsonNode image : k.path("images")) {
            objects.forEach(o -> retag(o, image));
        }
        if (k.has("namespace")) {
            String namespace = k.get("namespace").asText();
            objects.stream().filter(o -> !CLUSTER_SCOPED.contains(o.path("kind").asText()))
                    .forEach(o -> ((ObjectNode) o.get("metadata")).put("namespace", namespace));
        }
        return objects;
    }

    static String id(JsonNode o) {
        return o.path("kind").asText() + "/" + o.at("/metadata/name").asText();
    }

    private static void applyPatch(Path dir, JsonNode patch, List<ObjectNode> objects) {
        Path file = dir.resolve(patch.get("path").asText());
        List<JsonNode> documents = readDocuments(file);
        JsonNode target = patch.get("target");
        if (documents.size() == 1 && documents.get(0).isArray()) {
            if (target == null) {
                throw new IllegalStateException(file + ": a JSON 6902 patch needs a target");
            }
            List<ObjectNode> matched = matching(objects, target, file);
            matched.forEach(o -> json6902(o, (ArrayNode) documents.get(0), file));
            return;
        }
        for (JsonNode document : documents) {
            List<ObjectNode> matched = target != null ? matching(objects, target, file)
                    : objects.stream().filter(o -> id(o).equals(id(document))).toList();
            if (matched.isEmpty()) {
                throw new IllegalStateException(file + ": the patch matches no resource: " + id(document));
            }
            for (ObjectNode o : matched) {
                ObjectNode body = document.deepCopy();
                body.remove("metadata");
                body.remove("apiVersion");
                body.remove("kind");
                merge(o, body, BUILT_IN.contains(o.path("apiVersion").asText()));
                if (document.has("metadata")) {
                    ObjectNode meta = document.get("metadata").deepCopy();
                    if (target != null || meta.path("name").asText().equals(o.at("/metadata/name").asText())) {
                        meta.remove("name");
                    }
                    merge((ObjectNode) o.get("metadata"), meta, true);
                }
            }
        }
    }

    private static List<ObjectNode> matching(List<ObjectNode> objects, JsonNode target, Path file) {
        List<ObjectNode> matched = objects.stream()
                .filter(o -> !target.has("kind") || target.get("kind").asText().equals(o.path("kind").asText()))
                .filter(o -> !target.has("name") || o.at("/metadata/name").asText().matches(target.get("name").asText()))
                .toList();
        if (matched.isEmpty()) {
            throw new IllegalStateException(file + ": the target matches no resource: " + target);
        }
        return matched;
    }

    /**
     * Strategic merge: maps merge, null deletes, lists with a merge key merge by it (built-in kinds only: kustomize has
     * no schema for custom resources and replaces their lists), other lists are replaced.
     */
    static void merge(ObjectNode into, JsonNode patch, boolean builtIn) {
        Iterator<Map.Entry<String, JsonNode>> fields = patch.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> f = fields.next();
            JsonNode current = into.get(f.getKey());
            JsonNode value = f.getValue();
            if (value.isNull()) {
                into.remove(f.getKey());
            } else if (value.isObject() && current instanceof ObjectNode currentObject) {
                merge(currentObject, value, builtIn);
            } else if (builtIn && value.isArray() && current instanceof ArrayNode currentArray
                    && MERGE_KEYS.containsKey(f.getKey())) {
                String key = MERGE_KEYS.get(f.getKey());
                ArrayNode merged = YAML.createArrayNode();
                List<String> patched = new ArrayList<>();
                for (JsonNode element : value) {
                    String name = element.path(key).asText();
                    patched.add(name);
                    JsonNode existing = find(currentArray, key, name);
                    if (existing != null) {
                        ObjectNode copy = existing.deepCopy();
                        merge(copy, element, true);
                        merged.add(copy);
                    } else {
                        merged.add(element.deepCopy());
                    }
                }
                currentArray.forEach(e -> {
                    if (!patched.contains(e.path(key).asText())) {
                        merged.add(e);
                    }
                });
                into.set(f.getKey(), merged);
            } else {
                into.set(f.getKey(), value.deepCopy());
            }
        }
    }

    private static JsonNode find(ArrayNode array, String key, String name) {
        for (JsonNode e : array) {
            if (name.equals(e.path(key).asText())) {
                return e;
            }
        }
        return null;
    }

    private static void json6902(ObjectNode o, ArrayNode ops, Path file) {
        for (JsonNode op : ops) {
            String path = op.get("path").asText();
            int slash = path.lastIndexOf('/');
            JsonNode parent = path.substring(0, slash).isEmpty() ? o : o.at(path.substring(0, slash));
            String last = path.substring(slash + 1).replace("~1", "/").replace("~0", "~");
            String kind = op.get("op").asText();
            if (parent.isMissingNode() || !(kind.equals("add") || kind.equals("replace") || kind.equals("remove"))) {
                throw new IllegalStateException(file + ": cannot apply " + op);
            }
            if (parent instanceof ArrayNode array) {
                int index = Integer.parseInt(last);
                if (kind.equals("remove")) {
                    array.remove(index);
                } else if (kind.equals("replace")) {
                    array.set(index, op.get("value").deepCopy());
                } else {
                    array.insert(index, op.get("value").deepCopy());
                }
            } else {
                ObjectNode object = (ObjectNode) parent;
                if (kind.equals("replace") && !object.has(last)) {
                    throw new IllegalStateException(file + ": nothing to replace at " + path);
                }
                if (kind.equals("remove")) {
                    object.remove(last);
                } else {
                    object.set(last, op.get("value").deepCopy());
                }
            }
        }
    }

    private static void retag(ObjectNode o, JsonNode image) {
        for (String list : List.of("containers", "initContainers")) {
            for (JsonNode c : o.at("/spec/template/spec/" + list)) {
                String ref = c.path("image").asText();
                int tagAt = ref.lastIndexOf(':');
                String name = tagAt > ref.lastIndexOf('/') ? ref.substring(0, tagAt) : ref;
                String tag = tagAt > ref.lastIndexOf('/') ? ref.substring(tagAt + 1) : null;
                if (!name.equals(image.get("name").asText())) {
                    continue;
                }
                String newName = image.has("newName") ? image.get("newName").asText() : name;
                String newTag = image.has("newTag") ? image.get("newTag").asText() : tag;
                ((ObjectNode) c).put("image", newTag == null ? newName : newName + ":" + newTag);
            }
        }
    }

    private static List<ObjectNode> readObjects(Path file) {
        List<ObjectNode> objects = new ArrayList<>();
        for (JsonNode d : readDocuments(file)) {
            if (!(d instanceof ObjectNode o) || !o.has("kind") || !o.at("/metadata/name").isTextual()) {
                throw new IllegalStateException(file + ": not a Kubernetes object: " + d);
            }
            objects.add(o);
        }
        return objects;
    }

    static List<JsonNode> readDocuments(Path file) {
        try (YAMLParser parser = (YAMLParser) YAML.getFactory().createParser(Files.readString(file))) {
            List<JsonNode> documents = new ArrayList<>();
            var values = YAML.readValues(parser, JsonNode.class);
            while (values.hasNextValue()) {
                JsonNode d = values.nextValue();
                if (d != null && !d.isMissingNode() && !d.isNull()) {
                    documents.add(d);
                }
            }
            return documents;
        } catch (IOException e) {
            throw new UncheckedIOException(file.toString(), e);
        }
    }
}
