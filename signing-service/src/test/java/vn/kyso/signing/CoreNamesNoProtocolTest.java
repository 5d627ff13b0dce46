package vn.kyso.signing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * The import check of the core/adapters split: no source outside {@code integrator/sp769}, {@code integrator/csc} and
 * {@code integrator/neac} names one of those packages, so every dependency runs from the adapters to the core.
 */
class CoreNamesNoProtocolTest {

    private static final Path SOURCES = Path.of("src/main/java/vn/kyso/signing");
    private static final Pattern ADAPTER = Pattern.compile("vn\\.kyso\\.signing\\.integrator\\.(sp769|csc|neac)\\b");
    private static final List<String> ADAPTERS = List.of("integrator/sp769/", "integrator/csc/", "integrator/neac/");

    @Test
    void noCoreSourceNamesAnAdapterPackage() throws IOException {
        List<Path> core;
        try (Stream<Path> all = Files.walk(SOURCES)) {
            core = all.filter(p -> p.toString().endsWith(".java"))
                    .filter(p -> ADAPTERS.stream().noneMatch(a -> SOURCES.relativize(p).toString().replace('\\', '/')
                            .startsWith(a)))
                    .toList();
        }
        assertTrue(core.size() > 50, "the core's sources were found: " + core.size());
        List<String> leaks = core.stream().filter(p -> {
            try {
                return ADAPTER.matcher(Files.readString(p)).find();
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }).map(p -> SOURCES.relativize(p).toString()).toList();
        assertEquals(List.of(), leaks, "core sources naming a protocol adapter");
    }
}
