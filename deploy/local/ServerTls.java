import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * signing-service's HTTPS key store for the local stack, with the JDK alone: {@code check} says whether the one there
 * holds a certificate from Kyso's CA that is good for 30 more days; {@code issue} makes a new EC P-256 key with
 * keytool, asks ca-service for a {@code tls-server} certificate as the bootstrap operator, and installs the answer
 * with its chain. The key never leaves the key store file (0600); passwords reach keytool through its environment.
 */
public class ServerTls {

    private static final String ALIAS = "kyso-tls";
    private static final String PASSWORD_ENV = "KYSO_SIGNING_TLS_PASSWORD";

    public static void main(String[] args) throws Exception {
        Path store = Path.of(args[1]);
        String password = System.getenv(PASSWORD_ENV);
        if (password == null || password.isEmpty()) {
            throw new IllegalStateException(PASSWORD_ENV + " is not set");
        }
        switch (args[0]) {
            case "check" -> System.exit(current(store, password) ? 0 : 1);
            case "issue" -> issue(store, password, args[2], args[3], Arrays.asList(args[4].split(",")));
            default -> throw new IllegalArgumentException("usage: ServerTls check|issue <store> [accountUrl caUrl names]");
        }
    }

    /** A key entry whose certificate a CA issued (a chain, not a self-signed placeholder) and expires in > 30 days. */
    static boolean current(Path store, String password) {
        if (!Files.isRegularFile(store)) {
            return false;
        }
        try (var in = Files.newInputStream(store)) {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(in, password.toCharArray());
            Certificate[] chain = ks.getCertificateChain(ALIAS);
            return chain != null && chain.length >= 2 && ((X509Certificate) chain[0]).getNotAfter().toInstant()
                    .isAfter(Instant.now().plus(Duration.ofDays(30)));
        } catch (Exception e) {
            return false;
        }
    }

    static void issue(Path store, String password, String accountUrl, String caUrl, List<String> names)
            throws Exception {
        Path dir = Files.createDirectories(store.toAbsolutePath().getParent());
        Path fresh = dir.resolve(store.getFileName() + ".new");
        Files.deleteIfExists(fresh);
        keytool(null, "-genkeypair", "-alias", ALIAS, "-keyalg", "EC", "-groupname", "secp256r1",
                "-sigalg", "SHA256withECDSA", "-dname", "CN=" + names.get(0), "-validity", "2",
                "-storetype", "PKCS12", "-keystore", fresh.toString(), "-storepass:env", PASSWORD_ENV);
        String csr = keytool(null, "-certreq", "-alias", ALIAS, "-keystore", fresh.toString(),
                "-storepass:env", PASSWORD_ENV);

        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        String token = field(post(http, accountUrl + "/api/v1/auth/token", null, "{\"username\":"
                + quote(System.getenv("KYSO_OPERATOR_USERNAME")) + ",\"password\":"
                + quote(System.getenv("KYSO_OPERATOR_PASSWORD")) + "}"), "access_token");
        String answer = post(http, caUrl + "/api/v1/server-certificates", token, "{\"csr\":" + quote(csr)
                + ",\"names\":[" + names.stream().map(ServerTls::quote).collect(Collectors.joining(",")) + "]}");
        List<String> reply = new ArrayList<>();
        reply.add(field(answer, "certificate"));
        Matcher chain = Pattern.compile("\"chain\"\\s*:\\s*\\[(.*?)\\]", Pattern.DOTALL).matcher(answer);
        if (chain.find()) {
            Matcher pem = Pattern.compile("\"((?:[^\"\\\\]|\\\\.)*)\"").matcher(chain.group(1));
            while (pem.find()) {
                reply.add(unescape(pem.group(1)));
            }
        }
        keytool(String.join("\n", reply), "-importcert", "-noprompt", "-alias", ALIAS, "-keystore", fresh.toString(),
                "-storepass:env", PASSWORD_ENV);
        Files.setPosixFilePermissions(fresh, PosixFilePermissions.fromString("rw-------"));
        Files.move(fresh, store, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        System.out.println("signing-service TLS certificate issued by Kyso's CA for " + String.join(", ", names));
    }

    private static String post(HttpClient http, String url, String token, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 != 2) {
            throw new IllegalStateException(url + " answered " + response.statusCode() + ": " + response.body());
        }
        return response.body();
    }

    private static String keytool(String input, String... args) throws IOException, InterruptedException {
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        List<String> command = new ArrayList<>(List.of(keytool.toString()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        if (input != null) {
            process.getOutputStream().write(input.getBytes(StandardCharsets.US_ASCII));
        }
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.waitFor() != 0) {
            throw new IllegalStateException("keytool " + args[0] + " failed: " + output);
        }
        return output;
    }

    private static String field(String json, String name) {
        Matcher m = Pattern.compile("\"" + name + "\"\\s*:\\s*\"((?:[^\"\\\\]|\\\\.)*)\"").matcher(json);
        if (!m.find()) {
            throw new IllegalStateException("no " + name + " in the answer");
        }
        return unescape(m.group(1));
    }

    private static String unescape(String s) {
        return s.replace("\\n", "\n").replace("\\r", "\r").replace("\\/", "/").replace("\\\"", "\"")
                .replace("\\\\", "\\");
    }

    private static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\r", "").replace("\n", "\\n") + "\"";
    }
}
