package vn.kyso.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Every service's served OpenAPI document, judged by a linter Kyso did not write (Redocly CLI, its recommended rules,
 * installed from the npm registry at the version the lock file pins): no errors, and every operation named, tagged,
 * described and with an explicit security requirement.
 */
class OpenApiContractsIT {

    @Test
    void everyServedDocumentPassesRedoclysRecommendedRulesWithoutErrors() throws Exception {
        KysoStack.shared();
        Path dir = Files.createDirectories(Path.of("target", "openapi-lint"));
        for (String file : List.of("package.json", "package-lock.json")) {
            Files.copy(Path.of("src", "test", "openapi-lint", file), dir.resolve(file),
                    StandardCopyOption.REPLACE_EXISTING);
        }
        if (!Files.exists(dir.resolve("node_modules/.bin/redocly"))) {
            run(dir, List.of("npm", "ci", "--no-audit", "--no-fund"), 300);
        }
        Map<String, String> services = new LinkedHashMap<>();
        services.put("account-service", KysoStack.ACCOUNT);
        services.put("activation-service", Api.ACTIVATION);
        services.put("ca-service", Api.CA);
        services.put("signing-service", KysoStack.SIGNING);
        services.put("notification-service", Api.NOTIFICATION);
        StringBuilder failures = new StringBuilder();
        for (Map.Entry<String, String> service : services.entrySet()) {
            String yaml = Api.send("GET", service.getValue() + "/q/openapi", null, null, null).body();
            Path document = Files.writeString(dir.resolve(service.getKey() + ".yaml"), yaml);
            String report = run(dir, List.of("node_modules/.bin/redocly", "lint", document.getFileName().toString(),
                    "--extends", "recommended", "--format", "json"), 120);
            JsonNode totals = Api.JSON.readTree(report.substring(report.indexOf('{'))).get("totals");
            if (totals.get("errors").asInt() != 0) {
                failures.append(service.getKey()).append(": ").append(totals).append('\n');
            }
            JsonNode doc = Api.JSON.readTree(Api.send("GET", service.getValue() + "/q/openapi?format=json", null,
                    null, null).body());
            doc.path("paths").fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(op -> {
                JsonNode operation = op.getValue();
                String where = service.getKey() + " " + op.getKey().toUpperCase() + " " + path.getKey();
                if (!operation.hasNonNull("operationId") || !operation.has("tags") || !operation.has("security")
                        || !operation.hasNonNull("description")) {
                    failures.append(where).append(": missing operationId, tags, security or description\n");
                }
            }));
        }
        assertEquals("", failures.toString());
        assertTrue(Files.size(dir.resolve("signing-service.yaml")) > 10_000);
    }

    /** Runs a command in {@code dir}; its output (stdout, then stderr) or a failure with it. */
    static String run(Path dir, List<String> command, int seconds) throws Exception {
        Path out = Files.createTempFile(dir, "out", ".txt");
        Path err = Files.createTempFile(dir, "err", ".txt");
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectOutput(out.toFile())
                .redirectError(err.toFile()).start();
        if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError(command + " took more than " + seconds + " s");
        }
        String output = Files.readString(out);
        // The linter exits non-zero when it finds errors; the report says which, so it is read either way.
        if (process.exitValue() != 0 && !output.contains("\"totals\"")) {
            throw new AssertionError(command + " failed: " + output + Files.readString(err));
        }
        return output;
    }
}
