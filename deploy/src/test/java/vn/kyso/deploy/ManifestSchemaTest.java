package vn.kyso.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.SequenceWriter;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Every object of base and both overlays, as {@code kubectl kustomize} renders it, against the pinned Kubernetes,
 * Strimzi and CloudNativePG schemas, unknown fields refused.
 */
class ManifestSchemaTest {

    /**
     * Kinds whose CRDs are not among the pinned schemas, with where they come from; checked by ManifestsTest's rules
     * instead. Any other kind without a schema fails.
     */
    static final Map<String, String> NOT_PINNED = Map.of(
            "monitoring.coreos.com/v1 ServiceMonitor", "Prometheus Operator",
            "monitoring.coreos.com/v1 PodMonitor", "Prometheus Operator",
            "postgresql.cnpg.io/v1 ScheduledBackup", "CloudNativePG (only clusters and databases are pinned)",
            "postgresql.cnpg.io/v1 Pooler", "CloudNativePG (only clusters and databases are pinned)",
            "barmancloud.cnpg.io/v1 ObjectStore", "CloudNativePG's Barman Cloud plugin");

    static SchemaCatalogue catalogue;

    @BeforeAll
    static void load() {
        String missing = Kustomize.unavailableReason();
        if (missing == null) {
            missing = SchemaCatalogue.unavailableReason();
        }
        if (missing != null && Kustomize.REQUIRED) {
            throw new IllegalStateException(missing + " and KYSO_REQUIRE_K8S_CHECKS=1");
        }
        org.junit.jupiter.api.Assumptions.assumeTrue(missing == null, missing);
        catalogue = SchemaCatalogue.load();
    }

    @Test
    void everyObjectOfEveryOverlayMatchesThePinnedSchemas() {
        assertTrue(catalogue.sources().containsAll(Set.of("kubernetes-1.36/swagger.json",
                "strimzi-1.2/040-Crd-kafka.yaml", "cloudnative-pg-1.30/clusters.yaml")), catalogue.sources().toString());
        List<String> errors = new ArrayList<>();
        Map<String, Integer> validated = new TreeMap<>();
        for (var entry : renderAll(ManifestsTest.K8S).entrySet()) {
            for (ObjectNode o : entry.getValue()) {
                String type = o.path("apiVersion").asText() + " " + o.path("kind").asText();
                if (!catalogue.knows(o) && NOT_PINNED.containsKey(type)) {
                    continue;
                }
                catalogue.validate(o).forEach(e -> errors.add(entry.getKey() + " " + Kustomize.id(o) + " " + e));
                validated.merge(entry.getKey(), 1, Integer::sum);
            }
        }
        assertEquals(List.of(), errors);
        assertEquals(Set.of("base", "dev", "prod", "prod-recovery", "ops"), validated.keySet());
        validated.forEach((k, n) -> assertTrue(k.equals("ops") || n > 60, validated.toString()));
        System.out.println("ManifestSchemaTest: objects validated per overlay " + validated + " against "
                + catalogue.sources());
    }

    @Test
    void everyStrimziObjectSpeaksV1() {
        for (var entry : renderAll(ManifestsTest.K8S).entrySet()) {
            entry.getValue().stream().filter(o -> o.path("apiVersion").asText().startsWith("kafka.strimzi.io/"))
                    .forEach(o -> assertEquals("kafka.strimzi.io/v1", o.path("apiVersion").asText(),
                            entry.getKey() + " " + Kustomize.id(o)));
        }
    }

    @Test
    void aPlantedUnknownFieldOrWrongTypeFailsInEachSchemaFamily(@TempDir Path copy) throws IOException {
        copyTree(ManifestsTest.K8S, copy);
        Path base = copy.resolve("base");
        plant(base.resolve("signing-service/deployment.yaml"), "Deployment",
                d -> ((ObjectNode) d.at("/spec/template/spec/containers/0")).put("imagePullPolicyy", "Always"));
        plant(base.resolve("kafka/kafka.yaml"), "Kafka", k -> ((ObjectNode) k.at("/spec/kafka")).put("zookeeper", 3));
        plant(base.resolve("postgres/cluster.yaml"), "Cluster", c -> ((ObjectNode) c.get("spec")).put("instances",
                "three"));
        plant(base.resolve("kafka/users.yaml"), "KafkaUser",
                u -> ((ObjectNode) u.at("/spec/authorization/acls/0")).put("operation", "Read"));
        Map<String, List<String>> errors = new LinkedHashMap<>();
        for (ObjectNode o : Kustomize.render(copy.resolve("overlays/prod"))) {
            List<String> found = catalogue.validate(o);
            if (!found.isEmpty() && !NOT_PINNED.containsKey(o.path("apiVersion").asText() + " " + o.path("kind")
                    .asText())) {
                errors.put(Kustomize.id(o), found);
            }
        }
        assertEquals(Set.of("Deployment/signing-service", "Kafka/kyso", "Cluster/kyso-db", "KafkaUser/account-service"),
                errors.keySet(), errors.toString());
        assertTrue(errors.get("Deployment/signing-service").toString().contains("imagePullPolicyy"), errors.toString());
        assertTrue(errors.get("Kafka/kyso").toString().contains("zookeeper"), errors.toString());
        assertTrue(errors.get("Cluster/kyso-db").toString().contains("instances"), errors.toString());
        assertTrue(errors.get("KafkaUser/account-service").toString().contains("operation"), errors.toString());
    }

    @Test
    void anObjectOfAKindNobodyPinnedIsReportedNotPassed() throws IOException {
        JsonNode unknown = Kustomize.YAML.readTree("apiVersion: example.com/v1\nkind: Widget\nmetadata: {name: w}\n");
        assertFalse(catalogue.knows(unknown));
        assertEquals(List.of("no pinned schema for example.com/v1 Widget"), catalogue.validate(unknown));
    }

    /** Base, every overlay under overlays/, and the on-demand operations of ops/. */
    static Map<String, List<ObjectNode>> renderAll(Path k8s) {
        Map<String, List<ObjectNode>> rendered = new LinkedHashMap<>();
        rendered.put("base", Kustomize.render(k8s.resolve("base")));
        try (Stream<Path> overlays = Files.list(k8s.resolve("overlays"))) {
            for (Path overlay : overlays.filter(Files::isDirectory).sorted().toList()) {
                rendered.put(overlay.getFileName().toString(), Kustomize.render(overlay));
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        rendered.put("ops", Kustomize.render(k8s.resolve("ops")));
        return rendered;
    }

    private static void plant(Path file, String kind, Consumer<JsonNode> change) throws IOException {
        List<JsonNode> docs = Kustomize.YAML.readValues(Kustomize.YAML.getFactory().createParser(file.toFile()),
                JsonNode.class).readAll();
        boolean planted = false;
        for (JsonNode doc : docs) {
            if (!planted && kind.equals(doc.path("kind").asText())) {
                change.accept(doc);
                planted = true;
            }
        }
        assertTrue(planted, "no " + kind + " in " + file);
        try (SequenceWriter out = Kustomize.YAML.writer().writeValues(file.toFile())) {
            out.writeAll(docs);
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path p : files.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
    }
}
