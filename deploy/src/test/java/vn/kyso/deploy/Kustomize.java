package vn.kyso.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

/** Renders a kustomization with the machine's {@code kubectl kustomize}, as an operator's {@code apply -k} would. */
final class Kustomize {

    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    /** Set by CI: kubectl and the pinned schemas must be there, so the manifest checks run and never skip. */
    static final boolean REQUIRED = "1".equals(System.getenv("KYSO_REQUIRE_K8S_CHECKS"));

    private Kustomize() {
    }

    /** kubectl on the PATH, or null. */
    static Path kubectl() {
        return Stream.of(System.getenv().getOrDefault("PATH", "").split(":")).map(p -> Path.of(p, "kubectl"))
                .filter(Files::isExecutable).findFirst().orElse(null);
    }

    /** Why the manifests cannot be rendered here, or null when they can. */
    static String unavailableReason() {
        return kubectl() == null ? "kubectl is not installed (it renders the kustomizations)" : null;
    }

    static List<ObjectNode> render(Path dir) {
        Path kubectl = kubectl();
        if (kubectl == null) {
            throw new IllegalStateException(unavailableReason());
        }
        try {
            Process p = new ProcessBuilder(kubectl.toString(), "kustomize", dir.toString()).start();
            CompletableFuture<byte[]> err = CompletableFuture.supplyAsync(() -> {
                try {
                    return p.getErrorStream().readAllBytes();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IllegalStateException("kubectl kustomize " + dir + " failed: "
                        + new String(err.join(), StandardCharsets.UTF_8));
            }
            List<ObjectNode> objects = new ArrayList<>();
            for (JsonNode o : YAML.readValues(YAML.getFactory().createParser(out), JsonNode.class).readAll()) {
                if (o instanceof ObjectNode object) {
                    objects.add(object);
                }
            }
            return objects;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static String id(JsonNode o) {
        return o.path("kind").asText() + "/" + o.at("/metadata/name").asText();
    }
}
