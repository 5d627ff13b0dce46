package vn.kyso.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import vn.kyso.events.Topics;

/** The Kubernetes manifests, checked without a cluster against the code they deploy. */
class ManifestsTest {

    static final Path K8S = ServiceModule.ROOT.resolve("deploy/k8s");
    static final List<String> OVERLAYS = List.of("dev", "prod");
    /** Images that are not Kyso modules, and where they may appear. */
    static final Set<String> FOREIGN_IMAGES = Set.of("greenmail/standalone", "registry.example.vn/hsm/pkcs11-client");
    static final Set<String> LABELS = Set.of("app.kubernetes.io/name", "app.kubernetes.io/instance",
            "app.kubernetes.io/version", "app.kubernetes.io/component", "app.kubernetes.io/part-of",
            "app.kubernetes.io/managed-by");
    /** Read by the base image's launcher (run-java.sh), not by the application. */
    static final Set<String> LAUNCHER_ENV = Set.of("JAVA_OPTS_APPEND");

    static Map<String, List<ObjectNode>> rendered = new LinkedHashMap<>();
    static List<String> services;
    static Map<String, ServiceModule> modules = new LinkedHashMap<>();
    static JsonNode asyncApi;

    @BeforeAll
    static void render() throws IOException {
        String missing = Kustomize.unavailableReason();
        if (missing != null && Kustomize.REQUIRED) {
            throw new IllegalStateException(missing + " and KYSO_REQUIRE_K8S_CHECKS=1");
        }
        org.junit.jupiter.api.Assumptions.assumeTrue(missing == null, missing);
        rendered.put("base", Kustomize.render(K8S.resolve("base")));
        for (String overlay : OVERLAYS) {
            rendered.put(overlay, Kustomize.render(K8S.resolve("overlays").resolve(overlay)));
        }
        services = ServiceModule.read(ServiceModule.ROOT.resolve("pom.xml")).lines()
                .map(l -> l.replaceAll(".*<module>([^<]+)</module>.*", "$1"))
                .filter(m -> !m.contains("<") && Files.isRegularFile(
                        ServiceModule.ROOT.resolve(m).resolve("src/main/resources/application.properties")))
                .toList();
        services.forEach(s -> modules.put(s, ServiceModule.load(s)));
        try (InputStream in = Topics.class.getResourceAsStream("/META-INF/resources/asyncapi.yaml")) {
            asyncApi = Kustomize.YAML.readTree(in);
        }
    }

    @Test
    void everyServiceModuleIsDeployedFromItsOwnImage() {
        assertEquals(6, services.size(), services.toString());
        for (var entry : rendered.entrySet()) {
            Set<String> deployed = new TreeSet<>();
            for (ObjectNode d : kind(entry.getValue(), "Deployment")) {
                for (JsonNode c : d.at("/spec/template/spec/containers")) {
                    String image = c.get("image").asText();
                    String name = image.replaceAll("@sha256:[0-9a-f]{64}$", "").replaceAll(":[^:/]+$", "");
                    if (FOREIGN_IMAGES.contains(name)) {
                        continue;
                    }
                    String module = name.substring(name.lastIndexOf('/') + 1);
                    String where = entry.getKey() + " " + Kustomize.id(d);
                    assertTrue(services.contains(module), where + ": image " + image + " is no module of the build");
                    assertEquals("kyso", name.split("/")[name.split("/").length - 2], where + ": " + image);
                    assertEquals(module, c.get("name").asText(), where);
                    assertEquals(module, d.at("/metadata/name").asText(), where);
                    assertTrue(deployed.add(module), where + ": deployed twice");
                    if (entry.getKey().equals("dev")) {
                        assertTrue(image.contains("/kyso/") && image.matches(".+:[0-9][\\w.-]*"),
                                where + ": overlays pin a registry and a version: " + image);
                    }
                }
                for (JsonNode c : d.at("/spec/template/spec/initContainers")) {
                    assertTrue(FOREIGN_IMAGES.contains(c.get("image").asText().replaceAll("@sha256:[0-9a-f]{64}$", "")
                            .replaceAll(":[^:/]+$", "")), c.toString());
                }
            }
            assertEquals(new TreeSet<>(services), deployed, entry.getKey());
        }
    }

    /** The Kafka versions Strimzi 1.2.0 ships images for (its release notes). */
    static final Set<String> STRIMZI_KAFKA_VERSIONS = Set.of("4.2.0", "4.2.1", "4.3.0", "4.3.1");

    @Test
    void kafkaRunsAVersionTheOperatorSupportsWithoutObsoleteAnnotations() {
        for (var entry : rendered.entrySet()) {
            ObjectNode kafka = one(entry.getValue(), "Kafka", "kyso");
            assertTrue(STRIMZI_KAFKA_VERSIONS.contains(kafka.at("/spec/kafka/version").asText()), entry.getKey());
            for (String obsolete : List.of("strimzi.io/kraft", "strimzi.io/node-pools")) {
                assertFalse(kafka.at("/metadata/annotations").has(obsolete), entry.getKey() + " " + obsolete);
            }
        }
    }

    /** Connections PostgreSQL needs for itself: superuser_reserved_connections (3) and CloudNativePG's instance manager
     * and exporter, which log in as the superuser. */
    static final int SERVER_RESERVE = 10;
    /** Share of max_connections the services may plan for: the rest is room for a rolling update's surge pods. */
    static final double BUDGET = 0.8;

    @Test
    void databaseConnectionsAtTheAutoscalerMaximaFitTheServerWithHeadroom() {
        for (var entry : rendered.entrySet()) {
            List<ObjectNode> objects = entry.getValue();
            int maxConnections = Integer.parseInt(one(objects, "Cluster", "kyso-db")
                    .at("/spec/postgresql/parameters/max_connections").asText());
            int planned = SERVER_RESERVE;
            StringBuilder sum = new StringBuilder();
            for (String service : services) {
                ServiceModule module = modules.get(service);
                if (!module.properties().containsKey("kyso.db.name")) {
                    continue;
                }
                int pods = one(objects, "HorizontalPodAutoscaler", service).at("/spec/maxReplicas").asInt();
                String configured = configValue(entry.getKey(), service, "KYSO_DB_POOL_SIZE");
                int reactive = Integer.parseInt(configured.isEmpty()
                        ? defaultOf(module.properties().get("quarkus.datasource.reactive.max-size")) : configured);
                int jdbc = Integer.parseInt(defaultOf(module.properties().get("quarkus.datasource.jdbc.max-size")));
                planned += pods * (reactive + jdbc);
                sum.append(String.format("%s %d x (%d + %d); ", service, pods, reactive, jdbc));
            }
            assertTrue(planned <= BUDGET * maxConnections, entry.getKey() + ": " + sum + "reserve " + SERVER_RESERVE
                    + " = " + planned + " connections > " + BUDGET + " x max_connections " + maxConnections);
        }
    }

    /** The value of a property, or the default of its ${VARIABLE:default} expression. */
    static String defaultOf(String value) {
        Matcher m = Pattern.compile("^\\$\\{[A-Z0-9_]+:([^}]*)}$").matcher(value);
        return m.matches() ? m.group(1) : value;
    }

    @Test
    void theConnectionBudgetCheckCountsPoolsAndDefaults() {
        assertEquals("20", defaultOf("${KYSO_DB_POOL_SIZE:20}"));
        assertEquals("2", defaultOf("2"));
        assertEquals("${KYSO_DB_POOL_SIZE:20}", modules.get("signing-service").properties()
                .get("quarkus.datasource.reactive.max-size"));
    }

    @Test
    void productionRunsImagesPinnedByDigest() {
        for (ObjectNode d : kind(rendered.get("prod"), "Deployment")) {
            JsonNode pod = d.at("/spec/template/spec");
            List<JsonNode> containers = new ArrayList<>();
            pod.path("containers").forEach(containers::add);
            pod.path("initContainers").forEach(containers::add);
            for (JsonNode c : containers) {
                assertTrue(c.get("image").asText().matches("[a-z0-9.-]+/[a-z0-9/-]+@sha256:[0-9a-f]{64}"),
                        Kustomize.id(d) + ": " + c.get("image").asText());
            }
        }
        assertTrue(one(Kustomize.render(K8S.resolve("ops")), "Job", "kyso-dead-letters")
                .at("/spec/template/spec/containers/0/image").asText().contains("@sha256:"));
    }

    @Test
    void pinImagesRewritesTheDigestOfEveryImageJibBuilt(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Path kustomization = dir.resolve("kustomization.yaml");
        Files.copy(K8S.resolve("overlays/prod/kustomization.yaml"), kustomization);
        String built = "sha256:" + "ab".repeat(32);
        Files.createDirectories(dir.resolve("signing-service/target"));
        Files.writeString(dir.resolve("signing-service/target/jib-image.digest"), built);
        Process p = new ProcessBuilder("bash", K8S.resolve("pin-images.sh").toString(), kustomization.toString(),
                dir.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertEquals(0, p.waitFor(), out);
        assertTrue(out.contains("pinned kyso/signing-service to " + built), out);
        JsonNode images = Kustomize.YAML.readTree(kustomization.toFile()).get("images");
        for (JsonNode image : images) {
            String expected = image.get("name").asText().equals("kyso/signing-service") ? built
                    : "sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
            assertEquals(expected, image.path("digest").asText(), image.toString());
            assertFalse(image.has("newTag"), image.toString());
        }
        Files.writeString(dir.resolve("signing-service/target/jib-image.digest"), "latest");
        Process bad = new ProcessBuilder("bash", K8S.resolve("pin-images.sh").toString(), kustomization.toString(),
                dir.toString()).redirectErrorStream(true).start();
        bad.getInputStream().readAllBytes();
        assertEquals(1, bad.waitFor(), "a file without a digest is refused");
    }

    @Test
    void everyDeploymentHasProbesLimitsSecurityContextAndLabels() {
        for (var entry : rendered.entrySet()) {
            for (ObjectNode d : kind(entry.getValue(), "Deployment")) {
                String where = entry.getKey() + " " + Kustomize.id(d);
                JsonNode pod = d.at("/spec/template/spec");
                for (String label : LABELS) {
                    assertTrue(d.at("/metadata/labels").has(label), where + " lacks label " + label);
                    assertEquals(d.at("/metadata/labels").get(label), d.at("/spec/template/metadata/labels").get(label),
                            where + ": pod label " + label);
                }
                d.at("/spec/selector/matchLabels").fields().forEachRemaining(l -> assertEquals(l.getValue(),
                        d.at("/spec/template/metadata/labels").get(l.getKey()), where + ": selector " + l.getKey()));
                assertTrue(pod.at("/securityContext/runAsNonRoot").asBoolean(), where + ": runAsNonRoot");
                assertEquals("RuntimeDefault", pod.at("/securityContext/seccompProfile/type").asText(), where);
                assertFalse(pod.path("automountServiceAccountToken").asBoolean(true), where + ": no API token");
                List<JsonNode> containers = new ArrayList<>();
                pod.path("containers").forEach(containers::add);
                pod.path("initContainers").forEach(containers::add);
                for (JsonNode c : containers) {
                    String cw = where + " container " + c.get("name").asText();
                    for (String r : List.of("requests/cpu", "requests/memory", "limits/cpu", "limits/memory")) {
                        assertFalse(c.at("/resources/" + r).asText().isEmpty(), cw + " lacks " + r);
                    }
                    assertFalse(c.at("/securityContext/allowPrivilegeEscalation").asBoolean(true), cw);
                    assertTrue(c.at("/securityContext/readOnlyRootFilesystem").asBoolean(), cw + ": read-only root");
                    assertEquals("[\"ALL\"]", c.at("/securityContext/capabilities/drop").toString(), cw);
                }
                for (JsonNode c : pod.path("containers")) {
                    String cw = where + " container " + c.get("name").asText();
                    for (String probe : List.of("startupProbe", "livenessProbe", "readinessProbe")) {
                        assertTrue(c.has(probe), cw + " lacks " + probe);
                    }
                    if (services.contains(c.get("name").asText())) {
                        assertEquals("/q/health/started", c.at("/startupProbe/httpGet/path").asText(), cw);
                        assertEquals("/q/health/live", c.at("/livenessProbe/httpGet/path").asText(), cw);
                        assertEquals("/q/health/ready", c.at("/readinessProbe/httpGet/path").asText(), cw);
                        assertTrue(pod.path("volumes").findValuesAsText("name").contains("tmp"),
                                cw + ": a writable /tmp beside the read-only root");
                    }
                }
            }
        }
    }

    @Test
    void everyServiceHasAServiceAutoscalerDisruptionBudgetAndNetworkPolicyThatMatchItsPods() {
        for (var entry : rendered.entrySet()) {
            List<ObjectNode> objects = entry.getValue();
            for (String service : services) {
                String where = entry.getKey() + " " + service;
                ObjectNode deployment = one(objects, "Deployment", service);
                JsonNode podLabels = deployment.at("/spec/template/metadata/labels");
                ObjectNode svc = one(objects, "Service", service);
                assertTrue(selects(svc.at("/spec/selector"), podLabels), where + ": Service selects its pods");
                Set<String> portNames = new HashSet<>(deployment.at("/spec/template/spec/containers/0/ports")
                        .findValuesAsText("name"));
                svc.at("/spec/ports").forEach(p -> assertTrue(portNames.contains(p.get("targetPort").asText()), where));
                ObjectNode hpa = one(objects, "HorizontalPodAutoscaler", service);
                assertEquals(service, hpa.at("/spec/scaleTargetRef/name").asText(), where);
                assertTrue(hpa.at("/spec/minReplicas").asInt() <= hpa.at("/spec/maxReplicas").asInt(), where);
                ObjectNode pdb = one(objects, "PodDisruptionBudget", service);
                assertTrue(selects(pdb.at("/spec/selector/matchLabels"), podLabels), where + ": PDB selects its pods");
                if (pdb.at("/spec/minAvailable").isInt()) {
                    assertTrue(hpa.at("/spec/minReplicas").asInt() > pdb.at("/spec/minAvailable").asInt(),
                            where + ": the budget leaves room to drain a node");
                }
                ObjectNode policy = one(objects, "NetworkPolicy", service);
                assertTrue(selects(policy.at("/spec/podSelector/matchLabels"), podLabels), where);
            }
        }
    }

    @Test
    void configKeysAreReadByTheModuleTheyConfigure() {
        SecretsScript script = SecretsScript.read();
        Set<String> kafkaSettings = new HashSet<>(ConsumerConfig.configNames());
        kafkaSettings.addAll(ProducerConfig.configNames());
        for (var entry : rendered.entrySet()) {
            for (String service : services) {
                ServiceModule module = modules.get(service);
                ObjectNode deployment = one(entry.getValue(), "Deployment", service);
                Map<String, String> variables = environment(entry.getValue(), deployment, script);
                List<String> unread = new ArrayList<>();
                for (String variable : variables.keySet()) {
                    if (LAUNCHER_ENV.contains(variable)) {
                        continue;
                    }
                    if (variable.startsWith("KAFKA_") && !module.envReferences().contains(variable)) {
                        String setting = variable.substring("KAFKA_".length()).toLowerCase().replace('_', '.');
                        if (!kafkaSettings.contains(setting)) {
                            unread.add(variable + " is no Kafka client setting");
                        }
                        continue;
                    }
                    String why = module.explainUnread(variable);
                    if (why != null) {
                        unread.add(why);
                    }
                }
                assertEquals(List.of(), unread, entry.getKey() + " " + service);
                if (!entry.getKey().equals("base") || !module.requiredEnv().isEmpty()) {
                    for (String required : module.requiredEnv()) {
                        assertTrue(variables.containsKey(required), entry.getKey() + " " + service
                                + " must be given " + required + " (no default in its properties)");
                    }
                }
            }
        }
    }

    @Test
    void theConfigCheckCatchesAKeyNoModuleReads() {
        ServiceModule signing = modules.get("signing-service");
        assertEquals(null, signing.explainUnread("KYSO_SIGNING_WEBAUTHN_RP_ID"), "a @ConfigMapping property");
        assertEquals(null, signing.explainUnread("KYSO_TSA_URL"), "an ${…} reference in application.properties");
        assertEquals(null, signing.explainUnread("KYSO_CUSTODY_PKCS11_SLOT"), "service-commons' @ConfigMapping");
        assertNotNull(signing.explainUnread("KYSO_SIGNING_WEBAUTHN_RPID"));
        assertNotNull(signing.explainUnread("KYSO_CA_MASTER_KEY"), "another service's key");
        assertNotNull(modules.get("portal").explainUnread("KYSO_CUSTODY_BACKEND"), "portal has no custody");
    }

    @Test
    void everyReferencedSecretAndConfigMapExistsWithItsKeys() {
        SecretsScript script = SecretsScript.read();
        Set<String> usedSecrets = new HashSet<>();
        for (var entry : rendered.entrySet()) {
            List<ObjectNode> objects = entry.getValue();
            Set<String> kafkaUsers = names(objects, "KafkaUser");
            String clusterCa = one(objects, "Kafka", "kyso").at("/metadata/name").asText() + "-cluster-ca-cert";
            for (ObjectNode d : kind(objects, "Deployment")) {
                String where = entry.getKey() + " " + Kustomize.id(d);
                JsonNode pod = d.at("/spec/template/spec");
                for (JsonNode ref : pod.findValues("secretKeyRef")) {
                    String name = ref.get("name").asText();
                    String key = ref.get("key").asText();
                    usedSecrets.add(name);
                    if (kafkaUsers.contains(name)) {
                        assertTrue(Set.of("password", "sasl.jaas.config").contains(key), where + ": " + ref);
                    } else {
                        assertTrue(script.secrets().containsKey(name), where + ": nobody creates Secret " + name);
                        assertTrue(script.secrets().get(name).contains(key), where + ": Secret " + name + " has no " + key);
                    }
                }
                for (JsonNode ref : pod.findValues("secretRef")) {
                    usedSecrets.add(ref.get("name").asText());
                    assertTrue(script.secrets().containsKey(ref.get("name").asText()), where + ": " + ref);
                }
                for (JsonNode volume : pod.path("volumes")) {
                    if (volume.has("secret")) {
                        String name = volume.at("/secret/secretName").asText();
                        usedSecrets.add(name);
                        assertTrue(name.equals(clusterCa) || script.secrets().containsKey(name), where + ": " + name);
                    }
                    if (volume.has("configMap")) {
                        String name = volume.at("/configMap/name").asText();
                        assertTrue(script.configMaps().containsKey(name) || names(objects, "ConfigMap").contains(name),
                                where + ": nobody creates ConfigMap " + name);
                    }
                }
                for (JsonNode ref : pod.findValues("configMapRef")) {
                    assertTrue(names(objects, "ConfigMap").contains(ref.get("name").asText()), where + ": " + ref);
                }
            }
            for (ObjectNode store : kind(objects, "ObjectStore")) {
                for (JsonNode ref : store.at("/spec/configuration/s3Credentials")) {
                    String secret = ref.path("name").asText();
                    usedSecrets.add(secret);
                    assertTrue(script.secrets().getOrDefault(secret, Set.of()).contains(ref.path("key").asText()),
                            entry.getKey() + ": object store credentials " + ref);
                }
            }
            for (ObjectNode cluster : kind(objects, "Cluster")) {
                cluster.at("/spec/managed/roles").forEach(role -> {
                    String secret = role.at("/passwordSecret/name").asText();
                    usedSecrets.add(secret);
                    assertTrue(script.secrets().containsKey(secret), entry.getKey() + ": database role secret " + secret);
                });
            }
        }
        assertEquals(new TreeSet<>(script.secrets().keySet()), new TreeSet<>(usedSecrets.stream()
                .filter(script.secrets()::containsKey).toList()), "create-secrets.sh makes only Secrets that are used");
    }

    @Test
    void everyTopicHasAKafkaTopicAsTheCatalogueDescribesIt() {
        Set<String> deadLetters = new TreeSet<>();
        modules.values().forEach(m -> m.incoming().stream().map(ServiceModule.Incoming::deadLetterTopic)
                .filter(t -> t != null).forEach(deadLetters::add));
        Set<String> expected = new TreeSet<>(Topics.ALL);
        expected.addAll(deadLetters);
        for (var entry : rendered.entrySet()) {
            Map<String, JsonNode> topics = new LinkedHashMap<>();
            kind(entry.getValue(), "KafkaTopic").forEach(t -> topics.put(t.at("/spec/topicName").asText(), t));
            assertEquals(expected, new TreeSet<>(topics.keySet()), entry.getKey());
            int replicas = entry.getKey().equals("dev") ? 1 : 3;
            for (JsonNode topic : topics.values()) {
                String where = entry.getKey() + " " + topic.at("/spec/topicName").asText();
                assertEquals(replicas, topic.at("/spec/replicas").asInt(), where);
                assertEquals(Math.min(2, replicas), topic.at("/spec/config/min.insync.replicas").asInt(), where);
                assertEquals("kyso", topic.at("/metadata/labels/strimzi.io~1cluster").asText(), where);
            }
            asyncApi.get("channels").forEach(channel -> {
                JsonNode topic = topics.get(channel.get("address").asText());
                JsonNode binding = channel.at("/bindings/kafka");
                String where = entry.getKey() + " " + channel.get("address").asText();
                assertEquals(binding.get("partitions").asInt(), topic.at("/spec/partitions").asInt(), where);
                assertEquals(binding.at("/topicConfiguration/retention.ms").asLong(),
                        topic.at("/spec/config/retention.ms").asLong(), where);
                assertEquals(String.join(",", textList(binding.at("/topicConfiguration/cleanup.policy"))),
                        topic.at("/spec/config/cleanup.policy").asText(), where);
            });
        }
    }

    @Test
    void kafkaAclsGrantEachServiceExactlyWhatItProducesAndConsumes() {
        Map<String, Set<String>> producers = new LinkedHashMap<>();
        Map<String, Set<String>> consumers = new LinkedHashMap<>();
        asyncApi.get("channels").forEach(channel -> {
            String topic = channel.get("address").asText();
            JsonNode producer = channel.get("x-kyso-producer");
            for (String name : producer.isArray() ? textList(producer) : List.of(producer.asText())) {
                producers.computeIfAbsent(name, k -> new TreeSet<>()).add(topic);
            }
            if (!channel.get("x-kyso-consumers").isEmpty()) {
                consumers.put(topic, new TreeSet<>(textList(channel.get("x-kyso-consumers"))));
            }
        });
        for (var entry : rendered.entrySet()) {
            Map<String, ObjectNode> users = new LinkedHashMap<>();
            kind(entry.getValue(), "KafkaUser").forEach(u -> users.put(u.at("/metadata/name").asText(), u));
            Map<String, Set<String>> actualConsumers = new LinkedHashMap<>();
            for (String service : services) {
                ServiceModule module = modules.get(service);
                List<ServiceModule.Incoming> incoming = module.incoming();
                Set<String> expected = new TreeSet<>();
                producers.getOrDefault(service, Set.of()).forEach(t -> expected.add("topic " + t + " Write"));
                for (ServiceModule.Incoming in : incoming) {
                    expected.add("topic " + in.topic() + " Read");
                    actualConsumers.computeIfAbsent(in.topic(), k -> new TreeSet<>()).add(service);
                    if (in.deadLetterTopic() != null) {
                        expected.add("topic " + in.deadLetterTopic() + " Write");
                    }
                    String group = in.groupId();
                    expected.add(group.contains("${") ? "group prefix " + group.substring(0, group.indexOf("${")) + " Read"
                            : "group " + group + " Read");
                }
                String where = entry.getKey() + " " + service;
                if (expected.isEmpty()) {
                    assertFalse(users.containsKey(service), where + " uses no Kafka and has no KafkaUser");
                    continue;
                }
                assertTrue(users.containsKey(service), where + " has no KafkaUser");
                assertEquals(expected, grants(users.get(service)), where + ": ACLs");
                ObjectNode deployment = one(entry.getValue(), "Deployment", service);
                assertEquals(service + "/sasl.jaas.config", secretOf(deployment, "KAFKA_SASL_JAAS_CONFIG"),
                        where + " authenticates as its own KafkaUser");
            }
            assertEquals(consumers, actualConsumers, "x-kyso-consumers in asyncapi.yaml against what services read");
            List<String> readers = users.values().stream()
                    .filter(u -> grants(u).contains("topic " + Topics.NOTIFICATION_REQUESTS + " Read"))
                    .map(u -> u.at("/metadata/name").asText()).toList();
            assertEquals(List.of("notification-service"), readers, entry.getKey() + ": sealed commands have one reader");
            users.values().forEach(u -> assertEquals("scram-sha-512", u.at("/spec/authentication/type").asText()));
        }
    }

    @Test
    void theDeadLetterJobMayReadDeadLettersAndReturnThemToTheirTopicsOnly() {
        Set<String> expected = new TreeSet<>(Set.of("topic prefix kyso.dlq. Read"));
        modules.values().forEach(m -> m.incoming().stream().filter(in -> in.deadLetterTopic() != null)
                .forEach(in -> expected.add("topic " + in.topic() + " Write")));
        for (var entry : rendered.entrySet()) {
            assertEquals(expected, grants(one(entry.getValue(), "KafkaUser", "kyso-dead-letters")), entry.getKey());
        }
        List<ObjectNode> ops = Kustomize.render(K8S.resolve("ops"));
        ObjectNode job = one(ops, "Job", "kyso-dead-letters");
        assertEquals("kyso-dead-letters/sasl.jaas.config", secretOf(job, "KAFKA_SASL_JAAS_CONFIG"));
        assertEquals("true", job.at("/spec/template/metadata/labels/kyso.vn~1kafka-client").asText(),
                "admitted by the brokers' network policy");
        assertTrue(job.at("/spec/template/spec/containers/0/image").asText().contains("/kyso/dead-letters@sha256:"));
        assertEquals("list", job.at("/spec/template/spec/containers/0/args/0").asText(), "listing is the default");
    }

    @Test
    void theDocumentedConsumerPathMatchesTheManifests() throws IOException {
        String page = Files.readString(ServiceModule.ROOT.resolve("docs/events.md"));
        String onTheCluster = page.substring(page.indexOf("## On the cluster"));
        Properties client = new Properties();
        try (var in = Files.newInputStream(ServiceModule.ROOT.resolve(
                "examples/certificate-feed/cluster-client.properties"))) {
            client.load(in);
        }
        assertTrue(ConsumerConfig.configNames().containsAll(client.stringPropertyNames()), client.toString());
        assertEquals("SASL_SSL", client.getProperty("security.protocol"));
        assertEquals("SCRAM-SHA-512", client.getProperty("sasl.mechanism"));
        assertEquals("PEM", client.getProperty("ssl.truststore.type"));
        Matcher user = Pattern.compile("ScramLoginModule required username=\"([^\"]+)\"")
                .matcher(client.getProperty("sasl.jaas.config"));
        assertTrue(user.find(), client.getProperty("sasl.jaas.config"));
        Matcher group = Pattern.compile("certificate-feed\\.jar \\S+:9093 (\\S+)").matcher(onTheCluster);
        assertTrue(group.find(), "the documented run names its group");
        for (var entry : rendered.entrySet()) {
            List<ObjectNode> objects = entry.getValue();
            ObjectNode kafkaUser = one(objects, "KafkaUser", user.group(1));
            assertEquals("scram-sha-512", kafkaUser.at("/spec/authentication/type").asText());
            Set<String> grants = grants(kafkaUser);
            assertTrue(grants.contains("topic " + Topics.CERTIFICATE_EVENTS + " Read"), grants.toString());
            String prefix = grants.stream().filter(g -> g.startsWith("group prefix ")).findFirst().orElseThrow()
                    .split(" ")[2];
            assertTrue(group.group(1).startsWith(prefix), "group " + group.group(1) + " is under the user's prefix "
                    + prefix);
            assertTrue(page.contains("`" + prefix + "`"), "the page names the prefix");
            JsonNode peers = one(objects, "Kafka", "kyso").at("/spec/kafka/listeners/0/networkPolicyPeers");
            boolean otherNamespaces = false;
            for (JsonNode peer : peers) {
                if (peer.has("namespaceSelector")) {
                    String nsLabel = peer.at("/namespaceSelector/matchLabels").fieldNames().next();
                    String podLabel = peer.at("/podSelector/matchLabels").fieldNames().next();
                    assertTrue(onTheCluster.contains("kubectl label namespace team-billing " + nsLabel + "=true"),
                            "the page labels the namespace with " + nsLabel);
                    assertTrue(onTheCluster.contains(podLabel), "the page labels the pods with " + podLabel);
                    otherNamespaces = true;
                }
            }
            assertTrue(otherNamespaces, entry.getKey() + ": consumers in other namespaces are admitted");
            assertTrue(onTheCluster.contains("get secret " + user.group(1) + " "), "the page fetches the user's Secret");
            assertTrue(onTheCluster.contains("get secret " + one(objects, "Kafka", "kyso").at("/metadata/name").asText()
                    + "-cluster-ca-cert"), "the page fetches the cluster CA");
        }
    }

    @Test
    void eachServiceHasItsOwnDatabaseAndRole() {
        Set<String> databases = new TreeSet<>();
        modules.values().forEach(m -> {
            if (m.properties().containsKey("kyso.db.name")) {
                databases.add(m.properties().get("kyso.db.name"));
            }
        });
        assertEquals(5, databases.size(), databases.toString());
        for (var entry : rendered.entrySet()) {
            List<ObjectNode> objects = entry.getValue();
            ObjectNode cluster = one(objects, "Cluster", "kyso-db");
            Set<String> roles = new TreeSet<>();
            cluster.at("/spec/managed/roles").forEach(r -> roles.add(r.get("name").asText()));
            assertEquals(databases, roles, entry.getKey());
            Set<String> owned = new TreeSet<>();
            for (ObjectNode db : kind(objects, "Database")) {
                assertEquals(db.at("/spec/name").asText(), db.at("/spec/owner").asText(), "owned by its own role");
                assertEquals("kyso-db", db.at("/spec/cluster/name").asText());
                owned.add(db.at("/spec/name").asText());
            }
            assertEquals(databases, owned, entry.getKey());
            for (String service : services) {
                String db = modules.get(service).properties().get("kyso.db.name");
                if (db != null) {
                    assertEquals("kyso-db-" + db + "/password", secretOf(one(objects, "Deployment", service),
                            "KYSO_DB_PASSWORD"), entry.getKey() + " " + service + " logs in as its own role");
                }
            }
        }
    }

    @Test
    void networkPoliciesLetInExactlyTheCallersTheConfigurationNames() {
        Pattern url = Pattern.compile("^https?://([a-z-]+)(/.*)?$");
        for (var entry : rendered.entrySet()) {
            List<ObjectNode> objects = entry.getValue();
            Map<String, Set<String>> callers = new LinkedHashMap<>();
            services.forEach(s -> callers.put(s, new TreeSet<>()));
            for (String service : services) {
                one(objects, "ConfigMap", service + "-config").get("data").forEach(value -> {
                    Matcher m = url.matcher(value.asText());
                    if (m.matches() && services.contains(m.group(1))) {
                        callers.get(m.group(1)).add(service);
                    }
                });
            }
            Set<String> exposed = new TreeSet<>();
            kind(objects, "Ingress").forEach(i -> exposed.addAll(i.findValuesAsText("name").stream()
                    .filter(services::contains).toList()));
            for (String service : services) {
                String where = entry.getKey() + " " + service;
                JsonNode rules = one(objects, "NetworkPolicy", service).at("/spec/ingress");
                Set<String> allowedPods = new TreeSet<>();
                Set<String> allowedNamespaces = new TreeSet<>();
                rules.forEach(rule -> rule.get("from").forEach(peer -> {
                    if (peer.has("podSelector")) {
                        allowedPods.add(peer.at("/podSelector/matchLabels/app.kubernetes.io~1name").asText());
                    }
                    if (peer.has("namespaceSelector")) {
                        allowedNamespaces.add(peer.at("/namespaceSelector/matchLabels/kubernetes.io~1metadata.name")
                                .asText());
                    }
                }));
                assertEquals(callers.get(service), allowedPods, where + ": callers");
                rules.forEach(rule -> {
                    boolean monitoring = rule.get("from").findValuesAsText("kubernetes.io/metadata.name")
                            .contains("monitoring");
                    assertEquals(monitoring ? "[\"management\"]" : "[\"http\"]",
                            rule.get("ports").findValuesAsText("port").stream().map(p -> "\"" + p + "\"").toList()
                                    .toString().replace(" ", ""), where + ": monitoring reaches the management port only,"
                                    + " everyone else the API port only: " + rule);
                    if (monitoring) {
                        assertEquals(1, rule.get("from").size(), where + ": " + rule);
                    }
                });
                Set<String> expectedNamespaces = new TreeSet<>(Set.of("monitoring"));
                if (exposed.contains(service)) {
                    expectedNamespaces.add("ingress-nginx");
                }
                assertEquals(expectedNamespaces, allowedNamespaces, where + ": namespaces");
            }
            assertTrue(names(objects, "NetworkPolicy").contains("default-deny-ingress"), entry.getKey());
        }
    }

    @Test
    void theIngressesPublishThePortalTheIntegratorApisAndThePkiEndpoints() {
        for (var entry : rendered.entrySet()) {
            Map<String, String> routes = new LinkedHashMap<>();
            for (ObjectNode ingress : kind(entry.getValue(), "Ingress")) {
                ingress.at("/spec/rules").forEach(rule -> rule.at("/http/paths").forEach(p -> routes.put(
                        p.get("path").asText(), p.at("/backend/service/name").asText())));
                ingress.findValuesAsText("name").stream().filter(services::contains)
                        .forEach(s -> assertNotNull(one(entry.getValue(), "Service", s)));
            }
            Map<String, String> expected = new java.util.HashMap<>(Map.of("/", "portal", "/sca/sp769",
                    "signing-service", "/csc/v2", "signing-service", "/.well-known/oauth-authorization-server",
                    "signing-service", "/neac/v1", "signing-service", "/ca", "ca-service", "/crl", "ca-service",
                    "/crl/root", "ca-service", "/ocsp", "ca-service", "/tsa", "ca-service"));
            expected.put("/api/v1/validations", "signing-service");
            assertEquals(expected, routes, entry.getKey());
            // nginx refuses a body past its limit before the service sees it: each ingress lets through what its
            // service accepts (documents for signDoc, validation and the portal's validation page).
            for (ObjectNode ingress : kind(entry.getValue(), "Ingress")) {
                String service = ingress.at("/spec/rules/0/http/paths/0/backend/service/name").asText();
                String limit = ingress.at("/metadata/annotations").path("nginx.ingress.kubernetes.io/proxy-body-size")
                        .asText("1m");
                String own = ServiceModule.read(ServiceModule.ROOT.resolve(service).resolve(
                        "src/main/resources/application.properties")).lines()
                        .filter(l -> l.startsWith("quarkus.http.limits.max-body-size="))
                        .map(l -> l.substring(l.indexOf('=') + 1).trim()).findFirst().orElse(null);
                if (own != null) {
                    assertEquals(own.toLowerCase(java.util.Locale.ROOT), limit, service + " in " + entry.getKey());
                }
            }
        }
    }

    @Test
    void productionKeepsKeysInAnHsmAndDevelopmentInSoftware() {
        Map<String, String> custody = Map.of("ca-service", "KYSO_CA_CUSTODY", "signing-service", "KYSO_SIGNING_CUSTODY");
        custody.forEach((service, key) -> {
            assertEquals("pkcs11", configValue("prod", service, key), service);
            assertEquals("software", configValue("dev", service, key), service);
            assertFalse(configValue("prod", service, "KYSO_PKCS11_LIBRARY").isEmpty(), service);
            assertTrue(one(rendered.get("prod"), "Deployment", service).toString().contains("kyso-hsm-client"), service);
        });
        assertEquals("true", configValue("prod", "portal", "KYSO_PORTAL_SECURE_COOKIES"));
        assertTrue(configValue("prod", "signing-service", "KYSO_SIGNING_WEBAUTHN_ORIGINS").startsWith("https://"));
    }

    @Test
    void theDatabaseArchivesItsWalAndIsBackedUpNightlyWithRetention() {
        for (var entry : rendered.entrySet()) {
            List<ObjectNode> objects = entry.getValue();
            ObjectNode cluster = one(objects, "Cluster", "kyso-db");
            JsonNode plugin = cluster.at("/spec/plugins/0");
            assertEquals("barman-cloud.cloudnative-pg.io", plugin.path("name").asText(), entry.getKey());
            assertTrue(plugin.path("isWALArchiver").asBoolean(), entry.getKey() + ": WAL archiving, the base of PITR");
            ObjectNode store = one(objects, "ObjectStore", plugin.at("/parameters/barmanObjectName").asText());
            assertTrue(store.at("/spec/retentionPolicy").asText().matches("\\d+[dwm]"), entry.getKey());
            assertFalse(cluster.at("/spec").has("backup"), "the in-tree barmanObjectStore is superseded by the plugin");
            ObjectNode nightly = kind(objects, "ScheduledBackup").get(0);
            assertEquals("kyso-db", nightly.at("/spec/cluster/name").asText());
            assertEquals("plugin", nightly.at("/spec/method").asText());
            assertEquals(plugin.path("name").asText(), nightly.at("/spec/pluginConfiguration/name").asText());
            assertEquals(6, nightly.at("/spec/schedule").asText().split(" ").length, "CloudNativePG's cron has seconds");
        }
    }

    @Test
    void theRecoveryOverlayIsProdRestoredToATargetTimeFromTheSameArchive() {
        List<ObjectNode> recovery = Kustomize.render(K8S.resolve("overlays/prod-recovery"));
        Map<String, JsonNode> prod = new LinkedHashMap<>();
        rendered.get("prod").forEach(o -> prod.put(Kustomize.id(o), o));
        assertEquals(prod.keySet(), new LinkedHashSet<>(recovery.stream().map(Kustomize::id).toList()));
        for (ObjectNode o : recovery) {
            if (!Kustomize.id(o).equals("Cluster/kyso-db")) {
                assertEquals(prod.get(Kustomize.id(o)), o, "only the database cluster differs: " + Kustomize.id(o));
            }
        }
        ObjectNode cluster = one(recovery, "Cluster", "kyso-db");
        assertFalse(cluster.at("/spec/bootstrap").has("initdb"));
        JsonNode restore = cluster.at("/spec/bootstrap/recovery");
        assertFalse(restore.at("/recoveryTarget/targetTime").asText().isEmpty());
        JsonNode source = cluster.at("/spec/externalClusters/0");
        assertEquals(restore.path("source").asText(), source.path("name").asText());
        JsonNode archived = one(rendered.get("prod"), "Cluster", "kyso-db").at("/spec/plugins/0/parameters");
        assertEquals(archived, source.at("/plugin/parameters"), "restored from where prod archives");
        assertFalse(archived.path("serverName").equals(cluster.at("/spec/plugins/0/parameters/serverName")),
                "the restored cluster archives under a new name, keeping the old timeline");
    }

    @Test
    void egressIsDeniedByDefaultAndOpenedForExactlyWhatEachServiceUses() {
        Pattern url = Pattern.compile("^https?://([a-z-]+)(/.*)?$");
        for (var entry : rendered.entrySet()) {
            List<ObjectNode> objects = entry.getValue();
            ObjectNode deny = one(objects, "NetworkPolicy", "default-deny-egress");
            assertEquals("[\"Egress\"]", deny.at("/spec/policyTypes").toString());
            assertFalse(deny.at("/spec").has("egress"), "the default allows nothing");
            Set<String> kafkaUsers = names(objects, "KafkaUser");
            for (String service : services) {
                String where = entry.getKey() + " " + service;
                ObjectNode deployment = one(objects, "Deployment", service);
                JsonNode podLabels = deployment.at("/spec/template/metadata/labels");
                assertTrue(selects(deny.at("/spec/podSelector/matchLabels"), podLabels), where + ": denied by default");
                List<ObjectNode> egress = kind(objects, "NetworkPolicy").stream()
                        .filter(p -> p.at("/spec/policyTypes").toString().contains("Egress"))
                        .filter(p -> p.at("/spec/egress").size() > 0)
                        .filter(p -> selects(p.at("/spec/podSelector/matchLabels"), podLabels)).toList();
                assertEquals(List.of(service + "-egress"), egress.stream().map(p -> p.at("/metadata/name").asText())
                        .toList(), where);
                Set<String> allowed = new TreeSet<>();
                for (JsonNode rule : egress.get(0).at("/spec/egress")) {
                    String ports = rule.path("ports").findValuesAsText("port").toString();
                    if (!rule.has("to")) {
                        allowed.add("any address " + ports);
                    }
                    for (JsonNode to : rule.path("to")) {
                        if (to.has("ipBlock")) {
                            allowed.add("ipBlock " + to.at("/ipBlock/cidr").asText() + " " + ports);
                        } else if (to.has("namespaceSelector")) {
                            allowed.add("namespace " + to.at("/namespaceSelector/matchLabels/kubernetes.io~1metadata.name")
                                    .asText() + " " + to.at("/podSelector/matchLabels").toString() + " " + ports);
                        } else {
                            allowed.add("pods " + to.at("/podSelector/matchLabels").toString() + " " + ports);
                        }
                    }
                }
                Set<String> expected = new TreeSet<>();
                expected.add("namespace kube-system {\"k8s-app\":\"kube-dns\"} [53, 53]");
                if (kafkaUsers.contains(service)) {
                    expected.add("pods {\"strimzi.io/cluster\":\"kyso\",\"strimzi.io/kind\":\"Kafka\"} [9093]");
                }
                if (modules.get(service).properties().containsKey("kyso.db.name")) {
                    expected.add("pods {\"cnpg.io/cluster\":\"kyso-db\"} [5432]");
                }
                one(objects, "ConfigMap", service + "-config").get("data").forEach(value -> {
                    Matcher m = url.matcher(value.asText());
                    if (m.matches() && services.contains(m.group(1))) {
                        expected.add("pods {\"app.kubernetes.io/instance\":\"kyso\",\"app.kubernetes.io/name\":\""
                                + m.group(1) + "\"} [http]");
                    }
                });
                if (service.equals("notification-service")) {
                    expected.add(entry.getKey().equals("dev")
                            ? "pods {\"app.kubernetes.io/instance\":\"kyso\",\"app.kubernetes.io/name\":\"greenmail\"} [3025]"
                            : "any address [587]");
                    if (entry.getKey().equals("dev")) {
                        expected.add("any address [587]");
                    }
                    // Web Push: browsers' push services over HTTPS, never a private, loopback or link-local address.
                    expected.add("ipBlock 0.0.0.0/0 [443]");
                    expected.add("ipBlock ::/0 [443]");
                    Set<String> excepted = new TreeSet<>();
                    egress.get(0).findValues("except").forEach(e -> e.forEach(c -> excepted.add(c.asText())));
                    assertTrue(excepted.containsAll(Set.of("10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16",
                            "127.0.0.0/8", "169.254.0.0/16", "100.64.0.0/10", "::1/128", "fc00::/7", "fe80::/10")),
                            where + ": pushes never reach private, loopback or link-local addresses: " + excepted);
                }
                if (entry.getKey().equals("prod") && Set.of("ca-service", "signing-service").contains(service)) {
                    expected.add("ipBlock 192.0.2.10/32 [1792]");
                }
                if (service.equals("signing-service")) {
                    expected.add("ipBlock 0.0.0.0/0 []");
                    expected.add("ipBlock ::/0 []");
                    Set<String> excepted = new TreeSet<>();
                    egress.get(0).findValues("except").forEach(e -> e.forEach(c -> excepted.add(c.asText())));
                    assertTrue(excepted.containsAll(Set.of("10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16",
                            "127.0.0.0/8", "169.254.0.0/16", "100.64.0.0/10", "::1/128", "fc00::/7", "fe80::/10")),
                            where + ": webhooks never reach private, loopback or link-local addresses: " + excepted);
                }
                assertEquals(expected, allowed, where + ": egress");
            }
        }
    }

    @Test
    void healthAndMetricsLiveOnTheManagementPortScrapedByAPodMonitorEach() {
        for (var entry : rendered.entrySet()) {
            List<ObjectNode> objects = entry.getValue();
            for (String service : services) {
                String where = entry.getKey() + " " + service;
                ObjectNode deployment = one(objects, "Deployment", service);
                JsonNode container = deployment.at("/spec/template/spec/containers/0");
                Map<String, Integer> ports = new LinkedHashMap<>();
                container.get("ports").forEach(p -> ports.put(p.get("name").asText(), p.get("containerPort").asInt()));
                assertEquals(9000, ports.get("management"), where);
                for (String probe : List.of("startupProbe", "livenessProbe", "readinessProbe")) {
                    assertEquals("management", container.at("/" + probe + "/httpGet/port").asText(), where + " " + probe);
                }
                assertFalse(deployment.at("/spec/template/metadata/annotations").has("prometheus.io/scrape"), where);
                ObjectNode monitor = one(objects, "PodMonitor", service);
                assertTrue(selects(monitor.at("/spec/selector/matchLabels"), deployment.at("/spec/template/metadata/labels")),
                        where);
                assertEquals("management", monitor.at("/spec/podMetricsEndpoints/0/port").asText(), where);
                assertEquals("/q/metrics", monitor.at("/spec/podMetricsEndpoints/0/path").asText(), where);
                one(objects, "Service", service).at("/spec/ports").forEach(p -> assertEquals("http",
                        p.get("targetPort").asText(), where + ": the Service publishes the API port only"));
            }
            assertEquals("tcp-prometheus", one(objects, "PodMonitor", "kyso-kafka").at("/spec/podMetricsEndpoints/0/port")
                    .asText());
            assertEquals("strimziMetricsReporter", one(objects, "Kafka", "kyso").at("/spec/kafka/metricsConfig/type")
                    .asText());
            assertEquals("metrics", one(objects, "PodMonitor", "kyso-db").at("/spec/podMetricsEndpoints/0/port").asText());
            assertFalse(one(objects, "Cluster", "kyso-db").at("/spec/monitoring").has("enablePodMonitor"),
                    "deprecated in CloudNativePG 1.30");
            boolean exporterOpenToMonitoring = false;
            for (JsonNode rule : one(objects, "NetworkPolicy", "kyso-db").at("/spec/ingress")) {
                if (rule.get("from").findValuesAsText("kubernetes.io/metadata.name").contains("monitoring")) {
                    assertEquals("[9187]", rule.get("ports").findValuesAsText("port").toString(), entry.getKey());
                    exporterOpenToMonitoring = true;
                }
            }
            assertTrue(exporterOpenToMonitoring, entry.getKey() + ": the exporter is reachable from monitoring");
        }
    }

    @Test
    void podsAreRestrictedSpreadByNodeAndZoneAndDrainGracefully() {
        for (var entry : rendered.entrySet()) {
            List<ObjectNode> objects = entry.getValue();
            if (!entry.getKey().equals("base")) {
                ObjectNode namespace = kind(objects, "Namespace").get(0);
                assertEquals("restricted", namespace.at("/metadata/labels/pod-security.kubernetes.io~1enforce").asText(),
                        entry.getKey());
            }
            for (String service : services) {
                String where = entry.getKey() + " " + service;
                JsonNode pod = one(objects, "Deployment", service).at("/spec/template/spec");
                Map<String, String> spread = new LinkedHashMap<>();
                pod.get("topologySpreadConstraints").forEach(c -> {
                    spread.put(c.get("topologyKey").asText(), c.get("whenUnsatisfiable").asText());
                    assertEquals(service, c.at("/labelSelector/matchLabels/app.kubernetes.io~1name").asText(), where);
                });
                assertEquals(Map.of("kubernetes.io/hostname", "DoNotSchedule", "topology.kubernetes.io/zone",
                        "ScheduleAnyway"), spread, where);
                int preStop = pod.at("/containers/0/lifecycle/preStop/sleep/seconds").asInt();
                assertTrue(preStop >= 3, where + ": preStop sleep while the endpoints propagate");
                int delay = seconds(configValue(entry.getKey(), service, "KYSO_SHUTDOWN_DELAY"));
                assertTrue(delay > 0, where + ": KYSO_SHUTDOWN_DELAY");
                int drain = seconds(modules.get(service).properties().get("quarkus.shutdown.timeout"));
                assertTrue(pod.get("terminationGracePeriodSeconds").asInt() >= preStop + delay + drain,
                        where + ": the grace period covers preStop " + preStop + " s + delay " + delay + " s + drain "
                                + drain + " s");
            }
        }
    }

    static int seconds(String duration) {
        Matcher m = Pattern.compile("^(\\d+)s$").matcher(duration == null ? "" : duration.strip());
        assertTrue(m.matches(), "a duration in seconds: " + duration);
        return Integer.parseInt(m.group(1));
    }

    private static Map<String, String> environment(List<ObjectNode> objects, ObjectNode deployment,
            SecretsScript script) {
        Map<String, String> variables = new LinkedHashMap<>();
        for (JsonNode c : deployment.at("/spec/template/spec/containers")) {
            for (JsonNode from : c.path("envFrom")) {
                if (from.has("configMapRef")) {
                    one(objects, "ConfigMap", from.at("/configMapRef/name").asText()).get("data")
                            .fields().forEachRemaining(f -> variables.put(f.getKey(), f.getValue().asText()));
                } else {
                    script.secrets().getOrDefault(from.at("/secretRef/name").asText(), Set.of())
                            .forEach(k -> variables.put(k, "(secret)"));
                }
            }
            for (JsonNode e : c.path("env")) {
                variables.put(e.get("name").asText(), e.path("value").asText("(secret)"));
            }
        }
        return variables;
    }

    /** "secret/key" of the Secret an environment variable of the Deployment's first container comes from. */
    static String secretOf(JsonNode deployment, String variable) {
        for (JsonNode e : deployment.at("/spec/template/spec/containers/0/env")) {
            if (variable.equals(e.path("name").asText())) {
                JsonNode ref = e.at("/valueFrom/secretKeyRef");
                return ref.path("name").asText() + "/" + ref.path("key").asText();
            }
        }
        return null;
    }

    private static String configValue(String overlay, String service, String key) {
        return one(rendered.get(overlay), "ConfigMap", service + "-config").at("/data/" + key).asText();
    }

    private static Set<String> grants(JsonNode user) {
        Set<String> grants = new TreeSet<>();
        user.at("/spec/authorization/acls").forEach(acl -> {
            String type = acl.at("/resource/type").asText();
            String name = acl.at("/resource/name").asText();
            String pattern = acl.at("/resource/patternType").asText("literal");
            acl.get("operations").forEach(op -> {
                if (!op.asText().equals("Describe")) {
                    grants.add(type + (pattern.equals("prefix") ? " prefix " : " ") + name + " " + op.asText());
                }
            });
        });
        return grants;
    }

    private static boolean selects(JsonNode selector, JsonNode labels) {
        var fields = selector.fields();
        boolean any = false;
        while (fields.hasNext()) {
            var f = fields.next();
            any = true;
            if (!f.getValue().equals(labels.get(f.getKey()))) {
                return false;
            }
        }
        return any;
    }

    private static List<String> textList(JsonNode array) {
        List<String> list = new ArrayList<>();
        array.forEach(n -> list.add(n.asText()));
        return list;
    }

    static List<ObjectNode> kind(List<ObjectNode> objects, String kind) {
        return objects.stream().filter(o -> kind.equals(o.path("kind").asText())).toList();
    }

    static Set<String> names(List<ObjectNode> objects, String kind) {
        return kind(objects, kind).stream().map(o -> o.at("/metadata/name").asText())
                .collect(Collectors.toCollection(LinkedHashSet::new));
    }

    static ObjectNode one(List<ObjectNode> objects, String kind, String name) {
        return kind(objects, kind).stream().filter(o -> name.equals(o.at("/metadata/name").asText())).findFirst()
                .orElseThrow(() -> new AssertionError("no " + kind + "/" + name));
    }
}
