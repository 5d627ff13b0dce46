package vn.kyso.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Isolated;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Hundreds of malformed and hostile requests against every operation every service publishes in its OpenAPI document
 * (plus the portal's): none may answer 5xx, leak internals, or change anything in the databases, Kafka or mailboxes.
 */
// Compares the whole stack's state before and after the hostile requests.
@Isolated
class HostileInputIT {

    /** Internals that must never reach a client: stack traces, class names, SQL. */
    static final Pattern LEAK = Pattern.compile("(?i)(exception\\b|\\bat (java|jdk|io|org|vn)\\.|java\\.lang|"
            + "org\\.hibernate|io\\.vertx|io\\.quarkus|jakarta\\.|vn\\.kyso\\.|sqlstate|syntax error at|"
            + "\\bselect .+ from\\b|\\binsert into\\b|\\bupdate .+ set\\b|pg_|relation \")");
    /**
     * The one table hostile requests may change: activation-service counts tries per unknown identifier, so guessing
     * identifiers is rate-limited like guessing codes (the brute-force defence is itself state).
     */
    /** Probes in flight at once: enough to keep both cores busy, few enough that no service sheds load (503). */
    static final int PARALLEL_PROBES = 3;
    static final Set<String> DEFENCE_COUNTERS = Set.of("activation.unknown_identifier_attempt");
    static final Map<String, String> SERVICES = Map.of("account-service", KysoStack.ACCOUNT,
            "activation-service", Api.ACTIVATION, "ca-service", Api.CA, "signing-service", KysoStack.SIGNING,
            "notification-service", Api.NOTIFICATION);
    static final String[] INJECTIONS = {"' OR '1'='1' --", "\"; DROP TABLE account; --", "${jndi:ldap://x/a}",
            "<script>alert(1)</script>", "{{7*7}}", "../../../../etc/passwd", "\u202e\u200b\u0000", "\ud800",
            "A".repeat(5000), "%00%0d%0aSet-Cookie: x=1"};

    static KysoStack stack;
    static Api.Subscriber alice;
    static Api.Subscriber bob;
    static String operator;
    static String bobTransaction;
    static KysoStack.Integrator spX;

    /** Operations anyone may call (PKI, the SP769 status poll): a 2xx to a read of them is no failure. */
    static final Set<String> publicOperations = new java.util.HashSet<>();
    /**
     * Public operations whose answer is the same whatever is asked, so that it reveals nothing: a request is accepted
     * (and must still change nothing, which the snapshot checks).
     */
    static final Set<String> UNIFORM_ANSWERS = Set.of(
            // "If this identifier has an activation waiting, a new code has been emailed": no account enumeration.
            "activation-service POST /api/v1/activation/resend",
            // CSC API v2 section 11.1: info is public.
            "signing-service POST /csc/v2/info");

    record Probe(String service, String method, String path, String variant, String token, String contentType,
            String body, String operation) {

        Probe(String service, String method, String path, String variant, String token, String contentType,
                String body) {
            this(service, method, path, variant, token, contentType, body, null);
        }
    }

    record Outcome(Probe probe, int status, String contentType, String problem) {
    }

    @BeforeAll
    static void actors() throws Exception {
        stack = KysoStack.shared();
        operator = stack.operator();
        alice = Api.activate(stack, "Lê Thị Hằng");
        bob = Api.activate(stack, "Phạm Văn Bảo");
        spX = stack.registerIntegrator("Hóa đơn X " + alice.identifier(), alice.identifier());
        String answer = stack.sp769Sign(spX, bob.identifier(), "HOSTILE-" + bob.identifier(),
                HexFormat.of().formatHex(new byte[32]));
        bobTransaction = Api.JSON.readTree(answer).at("/data/tran_code").asText();
    }

    @Test
    void hostileRequestsAnswer4xxLeakNothingAndChangeNothing() throws Exception {
        List<Probe> probes = new ArrayList<>();
        Map<String, Integer> perOperation = new TreeMap<>();
        for (var service : SERVICES.entrySet()) {
            JsonNode openapi = Api.json(Api.send("GET", service.getValue() + "/q/openapi?format=json", null, null,
                    null));
            openapi.get("paths").fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(op -> {
                String method = op.getKey().toUpperCase();
                if (op.getValue().toString().contains("text/event-stream")) {
                    // A stream never ends: only its refusals can be probed.
                    probes.add(new Probe(service.getKey(), method, path.getKey(), "anonymous", null, null, null));
                    probes.add(new Probe(service.getKey(), method, path.getKey(), "garbage token", "not.a.jwt", null,
                            null));
                    perOperation.put(service.getKey() + " " + method + " " + path.getKey(), 2);
                    return;
                }
                if (readOnly(method, path.getKey()) && (publicByContract(path.getKey())
                        || isPublic(service.getValue(), method, path.getKey()))) {
                    publicOperations.add(service.getKey() + " " + method + " " + path.getKey());
                }
                List<Probe> made = probes(openapi, service.getKey(), method, path.getKey(), op.getValue()).stream()
                        .map(p -> new Probe(p.service(), p.method(), p.path(), p.variant(), p.token(), p.contentType(),
                                p.body(), service.getKey() + " " + method + " " + path.getKey()))
                        .toList();
                probes.addAll(made);
                perOperation.put(service.getKey() + " " + method + " " + path.getKey(), made.size());
            }));
        }
        probes.addAll(portalProbes());
        assertTrue(probes.size() >= 300, "corpus of " + probes.size());

        // A moment for anything the set-up started (mails, relays) to settle, then nothing may move.
        // Earlier suites' waiting transactions would otherwise expire in the middle of the window; Bob's stays.
        StateSnapshot.expireWaitingTransactions(bobTransaction);
        Map<String, Long> before = StateSnapshot.settled(DEFENCE_COUNTERS);
        List<Outcome> outcomes = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        // A few at a time, as clients would: one after another the corpus spent minutes waiting on round trips. The
        // answers are judged in the corpus' order, whatever order they came in.
        List<Future<Outcome>> answers = new ArrayList<>();
        ExecutorService senders = Executors.newFixedThreadPool(PARALLEL_PROBES);
        try {
            for (Probe probe : probes) {
                answers.add(senders.submit(() -> send(probe)));
            }
        } finally {
            senders.shutdown();
        }
        for (int i = 0; i < probes.size(); i++) {
            Probe probe = probes.get(i);
            Outcome outcome = answers.get(i).get();
            outcomes.add(outcome);
            if (outcome.problem() != null) {
                failures.add(outcome.status() + " " + probe.method() + " " + probe.path() + " [" + probe.variant()
                        + "]: " + outcome.problem());
            }
        }
        Map<String, Long> after = StateSnapshot.settled(DEFENCE_COUNTERS);
        report(outcomes, perOperation);
        List<String> changed = StateSnapshot.differences(before, after);
        assertEquals(List.of(), java.util.stream.Stream.concat(failures.stream(), changed.stream().map(c -> "state: " + c))
                .toList(), failures.size() + " of " + probes.size() + " hostile requests misbehaved; "
                + changed.size() + " state changes");
    }

    private static List<Probe> probes(JsonNode openapi, String service, String method, String template, JsonNode op) {
        List<Probe> probes = new ArrayList<>();
        boolean hasBody = op.has("requestBody");
        String path = fill(template, null);
        // Who asks: nobody, a forged operator, and the two tokens a real attacker may hold.
        probes.add(new Probe(service, method, path, "anonymous", null, json(hasBody), hasBody ? "{}" : null));
        probes.add(new Probe(service, method, path, "garbage token", "not.a.jwt", json(hasBody), hasBody ? "{}" : null));
        probes.add(new Probe(service, method, path, "alg none operator token", forgedNone(), json(hasBody),
                hasBody ? "{}" : null));
        probes.add(new Probe(service, method, path, "operator token signed by another key", forgedSigned(),
                json(hasBody), hasBody ? "{}" : null));
        for (String token : new String[] {alice.token(), operator}) {
            String who = token == operator ? "operator" : "subscriber";
            if (template.contains("{")) {
                // The operator may read any transaction; only a subscriber is probed with another's id.
                String other = token == operator ? "%2e%2e" : bobTransaction;
                for (String value : new String[] {"..%2F..%2Fetc%2Fpasswd", "%27%20OR%20%271%27%3D%271", "a".repeat(3000),
                        "%00", "%E2%80%AE", other}) {
                    probes.add(new Probe(service, method, fill(template, value), who + " path param " + abbreviate(value),
                            token, json(hasBody), hasBody ? "{}" : null));
                }
            }
            if (!hasBody) {
                continue;
            }
            JsonNode schema = schema(openapi, op.at("/requestBody/content"));
            probes.add(new Probe(service, method, path, who + " invalid JSON", token, "application/json", "{\"a\":"));
            probes.add(new Probe(service, method, path, who + " JSON null", token, "application/json", "null"));
            probes.add(new Probe(service, method, path, who + " JSON array", token, "application/json", "[1,2]"));
            probes.add(new Probe(service, method, path, who + " empty object", token, "application/json", "{}"));
            probes.add(new Probe(service, method, path, who + " text/plain", token, "text/plain", "hello"));
            probes.add(new Probe(service, method, path, who + " XML with an external entity", token, "application/xml",
                    "<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><x>&e;</x>"));
            if (token == operator) {
                probes.add(new Probe(service, method, path, who + " 2 MB body", token, "application/json",
                        "{\"x\":\"" + "A".repeat(2_000_000) + "\"}"));
            }
            probes.add(new Probe(service, method, path, who + " prototype pollution and unknown fields", token,
                    "application/json", "{\"__proto__\":{\"admin\":true},\"role\":\"operator\",\"isAdmin\":true}"));
            if (schema != null && schema.has("properties")) {
                probes.add(new Probe(service, method, path, who + " every field the wrong type", token,
                        "application/json", wrongTypes(schema)));
                for (int i = 0; i < INJECTIONS.length; i += 3) {
                    probes.add(new Probe(service, method, path, who + " injection strings " + i, token,
                            "application/json", allStrings(schema, INJECTIONS[i], "not-base64!!")));
                }
            }
        }
        return probes;
    }

    private static List<Probe> portalProbes() {
        List<Probe> probes = new ArrayList<>();
        for (String path : List.of("/bff/login", "/bff/activation/verify", "/bff/logout",
                "/bff/api/signing/api/v1/transactions/" + bobTransaction + "/confirm",
                "/bff/api/account/api/v1/accounts", "/bff/api/signing/..%2F..%2Finternal%2Fv1%2Ftransactions")) {
            probes.add(new Probe("portal", "POST", path, "no CSRF token", null, "application/json",
                    "{\"username\":\"" + alice.identifier() + "\",\"password\":\"x\"}"));
            probes.add(new Probe("portal", "POST", path, "invalid JSON", null, "application/json", "{"));
            probes.add(new Probe("portal", "POST", path, "1 MB body", null, "application/json",
                    "{\"x\":\"" + "A".repeat(1_000_000) + "\"}"));
        }
        return probes;
    }

    private static Outcome send(Probe probe) throws Exception {
        String base = probe.service().equals("portal") ? KysoStack.PORTAL : SERVICES.get(probe.service());
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + probe.path()))
                .timeout(Duration.ofSeconds(30))
                .method(probe.method(), probe.body() == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(probe.body(), StandardCharsets.UTF_8));
        if (probe.contentType() != null) {
            request.header("Content-Type", probe.contentType());
        }
        if (probe.token() != null) {
            request.header("Authorization", "Bearer " + probe.token());
        }
        HttpResponse<String> response;
        try {
            response = Api.HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (java.io.IOException e) {
            // A server may close the connection on an oversized body before reading it: a refusal, not a failure.
            return new Outcome(probe, 0, "", probe.body() != null && probe.body().length() > 500_000 ? null
                    : "connection failed: " + e);
        }
        String type = response.headers().firstValue("Content-Type").orElse("");
        return new Outcome(probe, response.statusCode(), type, judge(probe, response, type));
    }

    /** Why the answer is wrong, or null when it is a proper refusal. */
    private static String judge(Probe probe, HttpResponse<String> response, String type) {
        int status = response.statusCode();
        String body = response.body();
        if (status >= 500) {
            return "server error: " + abbreviate(body);
        }
        Matcher leak = LEAK.matcher(body);
        if (leak.find()) {
            return "leaks internals (" + leak.group() + "): " + abbreviate(body);
        }
        String path = probe.path();
        if (status < 400 && (publicOperations.contains(probe.operation()) && readOnly(probe.method(), path)
                || UNIFORM_ANSWERS.contains(probe.operation()))) {
            return null;
        }
        if ((path.startsWith("/ocsp") || path.equals("/tsa")) && (type.startsWith("application/ocsp-response")
                || type.startsWith("application/timestamp-reply"))) {
            // RFC 6960 / RFC 3161 answer a bad request in their own envelope (malformedRequest, rejection).
            return null;
        }
        if (status < 400) {
            return "accepted: " + abbreviate(body);
        }
        if (status == 413 || status == 405 && body.isEmpty()) {
            return null;
        }
        if (status == 404 && type.startsWith("application/problem+json")) {
            // No route at all (e.g. a path normalised out of a contract's prefix): the platform's own 404.
            return null;
        }
        if (path.startsWith("/sca/sp769")) {
            return body.contains("\"status_code\":" + status) ? null : "not the SP769 envelope: " + abbreviate(body);
        }
        if (path.startsWith("/csc/v2")) {
            return body.contains("\"error\"") ? null : "not a CSC error: " + abbreviate(body);
        }
        if (path.startsWith("/neac/")) {
            return body.contains("\"status_code\":" + status) && body.contains("\"code\":" + status) ? null
                    : "not the NEAC error body: " + abbreviate(body);
        }
        return type.startsWith("application/problem+json") ? null : "not problem+json (" + type + "): "
                + abbreviate(body);
    }

    private static void report(List<Outcome> outcomes, Map<String, Integer> perOperation) throws Exception {
        StringBuilder tsv = new StringBuilder("status\tservice\tmethod\tpath\tvariant\tproblem\n");
        Map<Integer, Integer> byStatus = new TreeMap<>();
        for (Outcome o : outcomes) {
            byStatus.merge(o.status(), 1, Integer::sum);
            tsv.append(o.status()).append('\t').append(o.probe().service()).append('\t').append(o.probe().method())
                    .append('\t').append(abbreviate(o.probe().path())).append('\t').append(o.probe().variant())
                    .append('\t').append(o.problem() == null ? "" : o.problem().replace('\t', ' ').replace('\n', ' '))
                    .append('\n');
        }
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target/hostile-input-report.tsv"), tsv.toString());
        StringBuilder summary = new StringBuilder("requests: " + outcomes.size() + ", operations: "
                + perOperation.size() + ", answers by status: " + byStatus + "\n");
        perOperation.forEach((op, n) -> summary.append(n).append('\t').append(op).append('\n'));
        Files.writeString(Path.of("target/hostile-input-summary.txt"), summary.toString());
    }

    private static boolean readOnly(String method, String path) {
        return method.equals("GET") || method.equals("HEAD") || path.endsWith("/status") && path.contains("/sca/sp769/");
    }

    /** SP769's status poll carries no credentials by contract: any transaction's status is public to who knows its id. */
    private static boolean publicByContract(String path) {
        return path.startsWith("/sca/sp769/v1/signatures/sign/") && path.endsWith("/status");
    }

    private static boolean isPublic(String base, String method, String template) {
        try {
            return Api.send(method, base + fill(template, null), null, null, null).statusCode() < 400;
        } catch (Exception e) {
            return false;
        }
    }

    private static String fill(String template, String value) {
        if (value == null) {
            // A well-formed id that exists nowhere, so the request reaches the resource's own checks.
            return template.replaceAll("\\{[^}]+}", "00000000-0000-4000-8000-000000000000");
        }
        return template.replaceAll("\\{[^}]+}", Matcher.quoteReplacement(value));
    }

    private static JsonNode schema(JsonNode openapi, JsonNode content) {
        JsonNode schema = content.path("application/json").path("schema");
        if (schema.has("$ref")) {
            String ref = schema.get("$ref").asText();
            return openapi.at("/components/schemas/" + ref.substring(ref.lastIndexOf('/') + 1));
        }
        return schema.isMissingNode() ? null : schema;
    }

    private static String wrongTypes(JsonNode schema) {
        ObjectNode body = Api.JSON.createObjectNode();
        schema.get("properties").fields().forEachRemaining(p -> {
            String type = p.getValue().path("type").asText("object");
            switch (type) {
                case "string" -> body.putObject(p.getKey()).put("$gt", "");
                case "integer", "number" -> body.put(p.getKey(), "NaN");
                case "boolean" -> body.put(p.getKey(), "yes");
                case "array" -> body.put(p.getKey(), "not-an-array");
                default -> body.put(p.getKey(), 12345);
            }
        });
        return body.toString();
    }

    private static String allStrings(JsonNode schema, String value, String binary) {
        ObjectNode body = Api.JSON.createObjectNode();
        schema.get("properties").fields().forEachRemaining(p -> {
            String name = p.getKey().toLowerCase();
            boolean encoded = name.contains("key") || name.contains("signature") || name.contains("digest")
                    || name.contains("csr") || name.contains("data") || name.contains("hash") || name.contains("challenge");
            switch (p.getValue().path("type").asText("object")) {
                case "integer", "number" -> body.put(p.getKey(), -1);
                case "boolean" -> body.put(p.getKey(), false);
                case "array" -> body.putArray(p.getKey()).add(encoded ? binary : value);
                default -> body.put(p.getKey(), encoded ? binary : value);
            }
        });
        return body.toString();
    }

    private static String json(boolean hasBody) {
        return hasBody ? "application/json" : null;
    }

    /** A token claiming the operator role with no signature at all. */
    private static String forgedNone() {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        return b64.encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8)) + "."
                + b64.encodeToString(claims().getBytes(StandardCharsets.UTF_8)) + ".";
    }

    /**
     * A key pair that is not account-service's, made once: a new RSA key per operation cost the corpus a minute and a
     * half of key generation, and one foreign key forges as well as a hundred.
     */
    private static final class ForeignKey {
        static final java.security.PrivateKey PRIVATE;

        static {
            try {
                KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
                generator.initialize(2048);
                PRIVATE = generator.generateKeyPair().getPrivate();
            } catch (java.security.GeneralSecurityException e) {
                throw new ExceptionInInitializerError(e);
            }
        }
    }

    /** A well-formed RS256 token claiming the operator role, signed by a key that is not account-service's. */
    private static String forgedSigned() {
        try {
            Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
            String signingInput = b64.encodeToString("{\"alg\":\"RS256\",\"typ\":\"JWT\"}".getBytes(
                    StandardCharsets.UTF_8)) + "." + b64.encodeToString(claims().getBytes(StandardCharsets.UTF_8));
            Signature rsa = Signature.getInstance("SHA256withRSA");
            rsa.initSign(ForeignKey.PRIVATE);
            rsa.update(signingInput.getBytes(StandardCharsets.US_ASCII));
            return signingInput + "." + b64.encodeToString(rsa.sign());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String claims() {
        long now = System.currentTimeMillis() / 1000;
        return "{\"iss\":\"https://kyso.vn/account\",\"sub\":\"operator\",\"upn\":\"operator\",\"groups\":[\"operator\","
                + "\"service\"],\"iat\":" + now + ",\"exp\":" + (now + 600) + "}";
    }

    static String abbreviate(String s) {
        String flat = s.replace('\n', ' ');
        return flat.length() > 160 ? flat.substring(0, 160) + "…" : flat;
    }
}
