package vn.kyso.e2e;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The whole stack as {@code ./kyso up} starts it, on ports moved by {@link #OFFSET} and with its own state under
 * {@code e2e/target/kyso}, so a developer's running stack is left alone; stopped with {@code ./kyso down}.
 */
final class KysoStack {

    static final int OFFSET = 1000;
    static final String PORTAL = "http://localhost:" + (8080 + OFFSET);
    static final String ACCOUNT = "http://127.0.0.1:" + (8081 + OFFSET);
    static final String MAIL = "http://127.0.0.1:" + (8025 + OFFSET);

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final Path root;
    private final Path home;
    private final Map<String, String> secrets = new HashMap<>();

    KysoStack() {
        this.root = Path.of(System.getenv().getOrDefault("KYSO_ROOT", "..")).toAbsolutePath().normalize();
        this.home = root.resolve("e2e/target/kyso");
    }

    void up() throws IOException, InterruptedException {
        run(List.of("./kyso", "up"), 600);
        for (String line : Files.readAllLines(home.resolve("secrets.env"))) {
            int eq = line.indexOf('=');
            if (eq > 0) {
                secrets.put(line.substring(0, eq), line.substring(eq + 1).replaceAll("^'|'$", ""));
            }
        }
    }

    void down() throws IOException, InterruptedException {
        run(List.of("./kyso", "down"), 120);
    }

    private void run(List<String> command, int seconds) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).directory(root.toFile()).redirectErrorStream(true)
                .redirectOutput(root.resolve("e2e/target/kyso-" + command.get(1) + ".log").toFile());
        builder.environment().put("KYSO_HOME", home.toString());
        builder.environment().put("KYSO_PORT_OFFSET", String.valueOf(OFFSET));
        Process process = builder.start();
        if (!process.waitFor(seconds, TimeUnit.SECONDS) || process.exitValue() != 0) {
            process.destroyForcibly();
            throw new IllegalStateException(String.join(" ", command) + " failed; see e2e/target/kyso-"
                    + command.get(1) + ".log");
        }
    }

    /** An operator-created account (seed step 1); returns the activation code from its email (step 2). */
    String createAccount(String identifier, String fullName, String email) throws Exception {
        String operator = field(post(ACCOUNT + "/api/v1/auth/token", null, "{\"username\":\""
                + secrets.get("KYSO_OPERATOR_USERNAME") + "\",\"password\":\"" + secrets.get("KYSO_OPERATOR_PASSWORD")
                + "\"}"), "access_token");
        post(ACCOUNT + "/api/v1/accounts", operator, "{\"idType\":\"CCCD\",\"idNumber\":\"" + identifier
                + "\",\"fullName\":\"" + fullName + "\",\"email\":\"" + email + "\",\"phone\":\"0912345678\","
                + "\"province\":\"Hà Nội\",\"locality\":\"Cầu Giấy\"}");
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            String inbox = HTTP.send(HttpRequest.newBuilder(URI.create(MAIL + "/api/user/"
                    + URLEncoder.encode(email, StandardCharsets.UTF_8) + "/messages/INBOX")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            Matcher code = Pattern.compile("Activation code: ([0-9]{6})").matcher(inbox);
            if (code.find()) {
                return code.group(1);
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("no activation email for " + email);
    }

    private static String post(String url, String bearer, String json) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).header("Content-Type",
                "application/json").POST(HttpRequest.BodyPublishers.ofString(json));
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() >= 300) {
            throw new IllegalStateException(url + " answered " + response.statusCode() + ": " + response.body());
        }
        return response.body();
    }

    private static String field(String json, String name) {
        Matcher m = Pattern.compile("\"" + name + "\":\"([^\"]+)\"").matcher(json);
        if (!m.find()) {
            throw new IllegalStateException("no " + name + " in " + json);
        }
        return m.group(1);
    }
}
