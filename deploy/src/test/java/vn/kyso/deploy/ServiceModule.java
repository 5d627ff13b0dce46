package vn.kyso.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import javax.lang.model.element.Modifier;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

import com.sun.source.tree.AnnotationTree;
import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.LiteralTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.JavacTask;

/** What a service module reads from its environment: its properties files and its {@code @ConfigMapping} interfaces. */
record ServiceModule(String name, Path dir, Map<String, String> properties, Set<String> envReferences,
        Set<String> requiredEnv, Set<String> mappedProperties) {

    static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Pattern ENV_REFERENCE = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)(:?)");

    static ServiceModule load(String name) {
        Path dir = ROOT.resolve(name);
        if (!Files.isRegularFile(dir.resolve("src/main/resources/application.properties"))) {
            throw new IllegalArgumentException("no Quarkus service module named " + name);
        }
        List<Path> propertyFiles = new ArrayList<>(List.of(dir.resolve("src/main/resources/application.properties")));
        List<Path> sourceRoots = new ArrayList<>(List.of(dir.resolve("src/main/java")));
        if (read(dir.resolve("pom.xml")).contains("<artifactId>service-commons</artifactId>")) {
            propertyFiles.add(ROOT.resolve("service-commons/src/main/resources/META-INF/microprofile-config.properties"));
            sourceRoots.add(ROOT.resolve("service-commons/src/main/java"));
        }
        Map<String, String> properties = new LinkedHashMap<>();
        Set<String> references = new LinkedHashSet<>();
        Set<String> required = new LinkedHashSet<>();
        for (Path file : propertyFiles) {
            for (String line : read(file).lines().toList()) {
                line = line.strip();
                int eq = line.indexOf('=');
                if (line.isEmpty() || line.startsWith("#") || eq < 0) {
                    continue;
                }
                String key = line.substring(0, eq).strip();
                String value = line.substring(eq + 1).strip();
                // Test and dev profiles never run in a cluster; the unprofiled and %prod lines do.
                if (key.startsWith("%") && !key.startsWith("%prod.")) {
                    continue;
                }
                key = key.startsWith("%prod.") ? key.substring("%prod.".length()) : key;
                properties.put(key, value);
                Matcher m = ENV_REFERENCE.matcher(value);
                while (m.find()) {
                    references.add(m.group(1));
                    if (m.group(2).isEmpty()) {
                        required.add(m.group(1));
                    }
                }
            }
        }
        Set<String> mapped = new LinkedHashSet<>();
        for (Path root : sourceRoots) {
            mapped.addAll(configMappings(root));
        }
        return new ServiceModule(name, dir, properties, references, required, mapped);
    }

    /** Environment variable spelling of a property name (MicroProfile Config's rule). */
    static String env(String property) {
        return property.toUpperCase().replaceAll("[^A-Z0-9]", "_");
    }

    /** Whether the service reads this environment variable, and if not, why not. */
    String explainUnread(String variable) {
        if (envReferences.contains(variable)) {
            return null;
        }
        for (String property : properties.keySet()) {
            if (env(property).equals(variable)) {
                return null;
            }
        }
        for (String property : mappedProperties) {
            String e = env(property);
            if (e.equals(variable) || property.endsWith(".*") && variable.startsWith(e.substring(0, e.length() - 1))) {
                return null;
            }
        }
        return name + " reads no property from " + variable;
    }

    /** The topics of incoming channels, with their group ids and dead-letter topics. */
    List<Incoming> incoming() {
        Map<String, Incoming> channels = new LinkedHashMap<>();
        properties.forEach((key, value) -> {
            Matcher m = Pattern.compile("mp\\.messaging\\.incoming\\.([^.]+)\\.topic").matcher(key);
            if (m.matches()) {
                String channel = m.group(1);
                String prefix = "mp.messaging.incoming." + channel + ".";
                channels.put(channel, new Incoming(value, properties.getOrDefault(prefix + "group.id", name),
                        properties.get(prefix + "dead-letter-queue.topic")));
            }
        });
        return new ArrayList<>(channels.values());
    }

    record Incoming(String topic, String groupId, String deadLetterTopic) {
    }

    private static Set<String> configMappings(Path sourceRoot) {
        Set<String> names = new LinkedHashSet<>();
        List<Path> files;
        try (Stream<Path> walk = Files.walk(sourceRoot)) {
            files = walk.filter(p -> p.toString().endsWith(".java") && read(p).contains("@ConfigMapping")).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (files.isEmpty()) {
            return names;
        }
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        try (var fileManager = compiler.getStandardFileManager(null, null, null)) {
            JavacTask task = (JavacTask) compiler.getTask(null, fileManager, null, List.of("-proc:none"), null,
                    fileManager.getJavaFileObjectsFromPaths(files));
            for (CompilationUnitTree unit : task.parse()) {
                Map<String, ClassTree> types = new HashMap<>();
                unit.getTypeDecls().forEach(t -> collectTypes((ClassTree) t, types));
                for (ClassTree type : types.values()) {
                    String prefix = annotationValue(type.getModifiers().getAnnotations(), "ConfigMapping", "prefix");
                    if (prefix != null) {
                        walk(type, prefix, types, names);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return names;
    }

    private static void collectTypes(ClassTree type, Map<String, ClassTree> types) {
        types.put(type.getSimpleName().toString(), type);
        type.getMembers().stream().filter(m -> m instanceof ClassTree).forEach(m -> collectTypes((ClassTree) m, types));
    }

    private static void walk(ClassTree type, String prefix, Map<String, ClassTree> types, Set<String> names) {
        for (Tree member : type.getMembers()) {
            if (!(member instanceof MethodTree method) || !method.getParameters().isEmpty()
                    || method.getModifiers().getFlags().contains(Modifier.STATIC)
                    || method.getModifiers().getFlags().contains(Modifier.DEFAULT)) {
                continue;
            }
            var annotations = method.getModifiers().getAnnotations();
            String own = annotationValue(annotations, "WithName", "value");
            boolean parent = annotations.stream().anyMatch(a -> a.getAnnotationType().toString().endsWith("WithParentName"));
            String property = parent ? prefix : prefix + "." + (own != null ? own : kebab(method.getName().toString()));
            String returned = method.getReturnType().toString();
            String inner = returned.replaceAll("^(Optional|List)<(.*)>$", "$2");
            if (returned.startsWith("Map<")) {
                names.add(property + ".*");
            } else if (types.containsKey(inner)) {
                walk(types.get(inner), property, types, names);
            } else {
                names.add(property);
            }
        }
    }

    private static String annotationValue(List<? extends AnnotationTree> annotations, String simpleName, String attribute) {
        for (AnnotationTree a : annotations) {
            if (!a.getAnnotationType().toString().endsWith(simpleName)) {
                continue;
            }
            for (var argument : a.getArguments()) {
                if (argument instanceof AssignmentTree assignment
                        && assignment.getVariable().toString().equals(attribute)
                        && assignment.getExpression() instanceof LiteralTree literal) {
                    return String.valueOf(literal.getValue());
                }
                if (argument instanceof LiteralTree literal && attribute.equals("value")) {
                    return String.valueOf(literal.getValue());
                }
            }
        }
        return null;
    }

    private static String kebab(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase();
    }

    static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
