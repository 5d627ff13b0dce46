package vn.kyso.signing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * Issue 19: the signing core (transactions, credentials, audit, keys) names no integrator protocol; each protocol is
 * an adapter under {@code integrator/<protocol>} that uses the core and no other adapter. Read from the sources, so a
 * fully qualified name in code counts as much as an import.
 */
class CoreBoundaryTest {

    private static final Path SOURCES = Path.of("src/main/java/vn/kyso/signing");
    private static final Pattern REFERENCE = Pattern.compile("vn\\.kyso\\.signing\\.integrator(\\.\\w+)?");

    @Test
    void theCoreUsesNoAdapter() throws IOException {
        List<String> leaks = new ArrayList<>();
        for (String core : List.of("transaction", "credential", "audit", "keys", "crypto", "config", "client")) {
            for (Path file : javaFiles(SOURCES.resolve(core))) {
                Matcher m = REFERENCE.matcher(Files.readString(file));
                while (m.find()) {
                    leaks.add(SOURCES.relativize(file) + " -> " + m.group());
                }
            }
        }
        assertTrue(javaFiles(SOURCES.resolve("transaction")).size() > 5, "the sources are where this test looks");
        assertEquals(List.of(), leaks, "core classes that name an integrator protocol");
    }

    @Test
    void noAdapterUsesAnother() throws IOException {
        List<String> adapters = List.of("sp769", "csc", "neac");
        List<String> leaks = new ArrayList<>();
        for (String adapter : adapters) {
            for (Path file : javaFiles(SOURCES.resolve("integrator").resolve(adapter))) {
                String text = Files.readString(file);
                for (String other : adapters) {
                    if (!other.equals(adapter) && text.contains("vn.kyso.signing.integrator." + other + ".")) {
                        leaks.add(adapter + ": " + file.getFileName() + " -> " + other);
                    }
                }
            }
        }
        assertEquals(List.of(), leaks);
    }

    private static List<Path> javaFiles(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(f -> f.toString().endsWith(".java")).toList();
        }
    }
}
