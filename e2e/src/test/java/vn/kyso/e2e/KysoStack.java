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
import java.util.UUID;
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

    /** 1000 unless {@code -Dkyso.e2e.port-offset} says otherwise (a second stack beside a running suite). */
    static final int OFFSET = Integer.getInteger("kyso.e2e.port-offset", 1000);
    /** Health and metrics answer on a service's HTTP port + this (its management interface). */
    static final int MANAGEMENT_SHIFT = 200;
    static final String PORTAL = "http://localhost:" + (8080 + OFFSET);
    static final String ACCOUNT = "http://127.0.0.1:" + (8081 + OFFSET);
    static final String MAIL = "http://127.0.0.1:" + (8025 + OFFSET);
    static final String SIGNING = "http://127.0.0.1:" + (8084 + OFFSET);

    private static final HttpClient HTTP = Api.HTTP;
    private static KysoStack shared;

    private final Path root;
    private final Path home;
    private final Map<String, String> secrets = new HashMap<>();

    KysoStack() {
        this.root = Path.of(System.getenv().getOrDefault("KYSO_ROOT", "..")).toAbsolutePath().normalize();
        this.home = root.resolve("e2e/target/kyso");
    }

    /** One stack for every suite of this JVM: started on first use, stopped when the JVM exits. */
    static synchronized KysoStack shared() throws IOException, InterruptedException {
        if (shared == null) {
            KysoStack stack = new KysoStack();
            // From an empty state every run: an earlier run's leftovers fail this one (AuditIT deletes an anchored
            // audit row on purpose, and its anchors stay), and a run killed midway may have left processes behind.
            stack.down();
            stack.wipe();
            stack.up();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    stack.down();
                } catch (Exception e) {
                    e.printStackTrace();
                }
            }, "kyso-stack-down"));
            shared = stack;
        }
        return shared;
    }

    /** The stack's services anchor their audit trails every few seconds, so tests need not wait a minute. */
    static final Map<String, String> STACK_ENV = Map.of("KYSO_AUDIT_ANCHOR_INTERVAL", "3s",
            // A webhook whose sender died is sent again after this lease (FaultsIT).
            "KYSO_SIGNING_WEBHOOK_LEASE", "15s",
            // Renewal opens 30 days before a year-long certificate expires; here at once, for the browser walk.
            "KYSO_SIGNING_RENEWAL_WINDOW", "P400D");

    void up() throws IOException, InterruptedException {
        run(List.of("./kyso", "up"), 600, STACK_ENV);
        for (String line : Files.readAllLines(home.resolve("secrets.env"))) {
            int eq = line.indexOf('=');
            if (eq > 0) {
                secrets.put(line.substring(0, eq), line.substring(eq + 1).replaceAll("^'|'$", ""));
            }
        }
    }

    private void wipe() throws IOException {
        if (Files.exists(home)) {
            try (var paths = Files.walk(home)) {
                for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
    }

    void down() throws IOException, InterruptedException {
        run(List.of("./kyso", "down"), 120);
    }

    private void run(List<String> command, int seconds) throws IOException, InterruptedException {
        run(command, seconds, Map.of());
    }

    private void run(List<String> command, int seconds, Map<String, String> env)
            throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).directory(root.toFile()).redirectErrorStream(true)
                .redirectOutput(root.resolve("e2e/target/kyso-" + command.get(1) + ".log").toFile());
        builder.environment().put("KYSO_HOME", home.toString());
        builder.environment().put("KYSO_PORT_OFFSET", String.valueOf(OFFSET));
        builder.environment().putAll(env);
        Process process = builder.start();
        if (!process.waitFor(seconds, TimeUnit.SECONDS) || process.exitValue() != 0) {
            process.destroyForcibly();
            throw new IllegalStateException(String.join(" ", command) + " failed; see e2e/target/kyso-"
                    + command.get(1) + ".log");
        }
    }

    /** Kills one process of the stack (a service, {@code mail}, {@code kafka}) the hard way: no shutdown hooks. */
    void kill9(String name) throws IOException, InterruptedException {
        String pid = Files.readString(home.resolve("pids/" + name + ".pid")).strip();
        Process kill = new ProcessBuilder("kill", "-9", pid).inheritIO().start();
        if (kill.waitFor() != 0) {
            throw new IllegalStateException("kill -9 " + pid + " (" + name + ") failed");
        }
        // Gone once the port no longer answers; ./kyso up then sees it dead and starts it again.
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (new ProcessBuilder("kill", "-0", pid).start().waitFor() == 0) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(name + " survived kill -9");
            }
            Thread.sleep(100);
        }
    }

    /** {@code ./kyso stop <name>}: one process of the stack stopped gracefully (SIGTERM), as an operator would. */
    void stop(String name) throws IOException, InterruptedException {
        run(List.of("./kyso", "stop", name), 120);
    }

    /** {@code ./kyso replica}: a second instance of a service on another port, same databases and consumer groups. */
    void replica(String service, int port) throws IOException, InterruptedException {
        replica(service, port, Map.of());
    }

    /** The same, with extra environment for that instance (its configuration, as a ConfigMap would give it). */
    void replica(String service, int port, Map<String, String> env) throws IOException, InterruptedException {
        run(List.of("./kyso", "replica", service, String.valueOf(port)), 300, env);
    }

    /** {@code ./kyso smoke} against this stack: the seed's flow with curl and openssl, on the moved ports. */
    void smoke() throws IOException, InterruptedException {
        run(List.of("./kyso", "smoke"), 300);
    }

    /** {@code ./kyso dlq list}: the dead letters of this stack's broker, with their reasons. */
    void deadLetters() throws IOException, InterruptedException {
        run(List.of("./kyso", "dlq", "list"), 120);
    }

    /** What the last run of a {@code ./kyso} subcommand printed. */
    String output(String subcommand) throws IOException {
        return Files.readString(root.resolve("e2e/target/kyso-" + subcommand + ".log"));
    }

    /** {@code ./kyso up} again: starts whatever is not running and waits until every service is ready. */
    void upAgain() throws IOException, InterruptedException {
        run(List.of("./kyso", "up"), 600, STACK_ENV);
    }

    /** Runs a {@code ./kyso} command and answers its exit code and output, whatever they are. */
    Map.Entry<Integer, String> kyso(String... args) throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>(List.of("./kyso"));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(root.toFile()).redirectErrorStream(true);
        builder.environment().put("KYSO_HOME", home.toString());
        builder.environment().put("KYSO_PORT_OFFSET", String.valueOf(OFFSET));
        Process process = builder.start();
        String out = new String(process.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException(String.join(" ", command) + " did not finish");
        }
        return Map.entry(process.exitValue(), out);
    }

    /**
     * The first unhandled failures a service logged (its {@code Unhandled failure} entries with their stack traces),
     * for an assertion message: a 500 seen by a test is diagnosable from the test report alone.
     */
    String unhandledFailures(String service) throws IOException {
        Path log = home.resolve("logs/" + service + ".log");
        if (!Files.exists(log)) {
            return "(no log for " + service + ")";
        }
        StringBuilder out = new StringBuilder();
        int lines = 0;
        boolean inside = false;
        for (String line : Files.readAllLines(log)) {
            boolean entry = line.matches("^\\d{4}-\\d\\d-\\d\\d .*");
            if (entry) {
                inside = line.contains("Unhandled failure");
            }
            if (inside && lines++ < 60) {
                out.append(line).append('\n');
            }
        }
        return out.length() == 0 ? "(nothing unhandled in " + service + "'s log)" : out.toString();
    }

    /** A value of the stack's generated secrets.env (service credentials for tests that act as a service). */
    String secret(String name) {
        return secrets.get(name);
    }

    String operator() throws Exception {
        return field(post(ACCOUNT + "/api/v1/auth/token", null, "{\"username\":\""
                + secrets.get("KYSO_OPERATOR_USERNAME") + "\",\"password\":\"" + secrets.get("KYSO_OPERATOR_PASSWORD")
                + "\"}"), "access_token");
    }

    /** An integrator registered by the operator: its id and secret, as SP769 calls carry them. */
    record Integrator(String name, String id, String password) {
    }

    /** Registered by the operator, and known to signing-service (its registry follows account-service's events). */
    Integrator registerIntegrator(String name, String userId) throws Exception {
        return registerIntegrator(name, userId, "http://localhost:9/kyso-webhook");
    }

    /** The same, with the integrator's own webhook endpoint. */
    Integrator registerIntegrator(String name, String userId, String webhookUrl) throws Exception {
        return registerIntegrator(name, webhookUrl, List.of());
    }

    /** The same, with OAuth 2.0 redirect URIs for the authorization-code flow. */
    Integrator registerIntegrator(String name, String webhookUrl, List<String> redirectUris) throws Exception {
        String sp = post(ACCOUNT + "/api/v1/service-providers", operator(), Api.JSON.writeValueAsString(Map.of(
                "name", name, "webhookUrl", webhookUrl, "redirectUris", redirectUris)));
        Integrator integrator = new Integrator(name, field(sp, "spId"), field(sp, "spPassword"));
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            // Asked where credentials count nothing (a poll before the registration arrives is no guess): 401 while
            // signing-service does not know the integrator, 404 (no such transaction) once it does.
            HttpResponse<String> poll = HTTP.send(HttpRequest.newBuilder(URI.create(SIGNING
                    + "/sca/sp769/v1/signatures/sign/registered-" + UUID.randomUUID() + "/status"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"sp_id\":\"" + integrator.id() + "\",\"sp_password\":\""
                            + integrator.password() + "\"}")).build(), HttpResponse.BodyHandlers.ofString());
            if (poll.statusCode() == 404) {
                return integrator;
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("signing-service never learnt of integrator " + name);
    }

    /**
     * The subscriber allows the integrator in the app (issue 21 §4): only then do its look-ups find the subscriber and
     * may it sign with TH v2's password + TOTP; its requests reach the subscriber either way.
     */
    void allow(Integrator sp, Api.Subscriber subscriber) throws Exception {
        Api.ok(Api.send("PUT", SIGNING + "/api/v1/integrators/" + sp.id() + "/consent", subscriber.token(),
                "application/json", "{\"decision\":\"ALLOWED\"}"));
    }

    /** SmartCA SP769 {@code v1/credentials/get_certificate}; returns the answer as it came. */
    String sp769Certificates(Integrator sp, String userId) throws Exception {
        return post(SIGNING + "/sca/sp769/v1/credentials/get_certificate", null, "{\"sp_id\":\"" + sp.id()
                + "\",\"sp_password\":\"" + sp.password() + "\",\"user_id\":\"" + userId
                + "\",\"serial_number\":\"\",\"transaction_id\":\"lookup-" + UUID.randomUUID() + "\"}");
    }

    /** SmartCA SP769 {@code v1/signatures/sign} for one SHA-256 hash; returns the answer as it came. */
    String sp769Sign(Integrator sp, String userId, String transactionId, String sha256Hex) throws Exception {
        return post(SIGNING + "/sca/sp769/v1/signatures/sign", null, "{\"sp_id\":\"" + sp.id() + "\",\"sp_password\":\""
                + sp.password() + "\",\"user_id\":\"" + userId + "\",\"transaction_id\":\"" + transactionId
                + "\",\"transaction_desc\":\"Ký hóa đơn điện tử\",\"sign_files\":[{\"data_to_be_signed\":\""
                + sha256Hex + "\",\"doc_id\":\"INV-1\",\"file_type\":\"xml\",\"sign_type\":\"hash\"}]}");
    }

    /** SmartCA TH v2: the integrator signs with the subscriber's password and a TOTP code of the delegated secret. */
    String sp769ThSign(Integrator sp, String userId, String password, String otp, String transactionId,
            String sha256Hex) throws Exception {
        return post(SIGNING + "/sca/sp769/v2/signatures/sign", null, "{\"sp_id\":\"" + sp.id() + "\",\"sp_password\":\""
                + sp.password() + "\",\"user_id\":\"" + userId + "\",\"password\":\"" + password + "\",\"otp\":\"" + otp
                + "\",\"transaction_id\":\"" + transactionId + "\",\"transaction_desc\":\"Ký bằng OTP\",\"sign_files\":[{"
                + "\"data_to_be_signed\":\"" + sha256Hex + "\",\"doc_id\":\"TH-1\",\"file_type\":\"xml\","
                + "\"sign_type\":\"hash\"}]}");
    }

    /** SmartCA TH v2: the integrator's confirmation with the SAD the sign call returned. */
    String sp769ThConfirm(Integrator sp, String userId, String password, String transactionId, String sad)
            throws Exception {
        return post(SIGNING + "/sca/sp769/v2/signatures/confirm", null, "{\"sp_id\":\"" + sp.id() + "\",\"sp_password\":\""
                + sp.password() + "\",\"user_id\":\"" + userId + "\",\"password\":\"" + password
                + "\",\"transaction_id\":\"" + transactionId + "\",\"sad\":\"" + sad + "\"}");
    }

    String sp769Status(String transactionId) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(SIGNING + "/sca/sp769/v1/signatures/sign/" + transactionId
                + "/status")).POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString())
                .body();
    }

    /** A Kyso-requested transaction with a short life, to watch its countdown end. */
    String shortTransaction(String accountId, int seconds) throws Exception {
        return field(post(SIGNING + "/internal/v1/transactions", operator(), "{\"accountId\":\"" + accountId
                + "\",\"appName\":\"Kyso\",\"description\":\"Hết hạn thử\",\"expiresInSeconds\":" + seconds
                + ",\"items\":[{\"docId\":\"d\",\"fileName\":\"het-han.xml\",\"digest\":\""
                + java.util.Base64.getEncoder().encodeToString(new byte[32]) + "\"}]}"), "id");
    }

    /** An account as the operator made it, and the activation code its email carried. */
    record Created(String accountId, String code) {
    }

    /** An operator-created account (seed step 1), with the activation code from its email (step 2). */
    Created createAccount(String identifier, String fullName, String email) throws Exception {
        String operator = operator();
        String account = post(ACCOUNT + "/api/v1/accounts", operator, "{\"idType\":\"CCCD\",\"idNumber\":\"" + identifier
                + "\",\"fullName\":\"" + fullName + "\",\"email\":\"" + email + "\",\"phone\":\"0912345678\","
                + "\"province\":\"Hà Nội\",\"locality\":\"Cầu Giấy\"}");
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            String inbox = inbox(email);
            Matcher code = Pattern.compile("Activation code: ([0-9]{6})").matcher(inbox);
            if (code.find()) {
                return new Created(field(account, "accountId"), code.group(1));
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("no activation email for " + email);
    }

    /** The body of an unauthenticated GET. */
    String publicGet(String url) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    /** The mails GreenMail holds for the address, as its REST API lists them (subjects decoded, MIME source). */
    /** The lost-device recovery code mailed to {@code email} (the newest, once it arrived). */
    static String recoveryCode(String email) throws Exception {
        String inbox = Api.await(() -> inbox(email), m -> RECOVERY_CODE.matcher(m).find(), "the recovery code mail");
        java.util.regex.Matcher codes = RECOVERY_CODE.matcher(inbox);
        String code = null;
        while (codes.find()) {
            code = codes.group(1);
        }
        return code;
    }

    private static final Pattern RECOVERY_CODE = Pattern.compile("Recovery code: ([0-9]{10})");

    static String inbox(String email) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(MAIL + "/api/user/"
                + URLEncoder.encode(email, StandardCharsets.UTF_8) + "/messages/INBOX")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
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
