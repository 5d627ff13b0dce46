package vn.kyso.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Every operation × every role, as the table in {@code docs/authorization-matrix.md} says: the test reads the table,
 * asks the running stack, and fails on any cell that differs or any operation the table lacks. Run with
 * {@code -Dkyso.write-matrix=true} to rewrite the table from what the stack answers — then review the diff: a cell
 * that changed is a change of who may do what.
 */
class AuthorizationMatrixIT {

    static final Path TABLE = Path.of(System.getenv().getOrDefault("KYSO_ROOT", ".."), "docs/authorization-matrix.md");
    static final List<String> ROLES = List.of("anonymous", "subscriber A", "subscriber B", "SP X", "SP Y", "operator",
            "activation svc", "notification svc");
    static final String BEGIN = "<!-- matrix: begin -->";
    static final String END = "<!-- matrix: end -->";

    static Api.Subscriber alice;
    static Api.Subscriber bob;
    static KysoStack.Integrator spX;
    static KysoStack.Integrator spY;
    static Map<String, String> tokens = new LinkedHashMap<>();
    static vn.kyso.testsupport.TestPushService PUSH;
    /** What each path parameter names: always subscriber A's or SP X's own resource. */
    static Map<String, String> resources = new LinkedHashMap<>();

    @BeforeAll
    static void actors() throws Exception {
        KysoStack stack = KysoStack.shared();
        alice = Api.activate(stack, "Vũ Thị An");
        bob = Api.activate(stack, "Hoàng Văn Bình");
        spX = stack.registerIntegrator("Matrix X " + alice.identifier(), alice.identifier());
        spY = stack.registerIntegrator("Matrix Y " + alice.identifier(), alice.identifier());
        // A uses both (issue 21 §4: look-ups answer only for subscribers who allowed the integrator), so each cell
        // measures the role, not the consent.
        stack.allow(spX, alice);
        stack.allow(spY, alice);
        String spTransaction = "MATRIX-" + alice.identifier();
        String tranCode = Api.JSON.readTree(stack.sp769Sign(spX, alice.identifier(), spTransaction,
                HexFormat.of().formatHex(new byte[32]))).at("/data/tran_code").asText();
        JsonNode credential = Api.json(Api.send("GET", KysoStack.SIGNING + "/api/v1/credentials", alice.token(), null,
                null)).get(0);
        resources.put("accountId", alice.accountId());
        // The integrator the operator's endpoints act on (disable, rotate) is a third one, so X and Y keep working.
        resources.put("spId", stack.registerIntegrator("Matrix Z " + alice.identifier(), alice.identifier()).id());
        resources.put("serial", credential.get("serialNumber").asText());
        // Suspend and resume carry no body, so the operator's call acts: on B's certificate, never on A's, whose
        // credential the integrator look-ups further down must still find active.
        resources.put("heldSerial", Api.json(Api.send("GET", KysoStack.SIGNING + "/api/v1/credentials", bob.token(),
                null, null)).get(0).get("serialNumber").asText());
        resources.put("file", "chain.pem");
        resources.put("request", "MAMwAQ");
        resources.put("transaction", tranCode);
        resources.put("credential", alice.credentialId());
        resources.put("sp769", spTransaction);
        // An authorization request of the CSC code flow, taken up by subscriber A (so it is A's, unknown to B).
        KysoStack.Integrator oauthClient = stack.registerIntegrator("Matrix OAuth " + alice.identifier(),
                "http://localhost:9/hook", List.of("http://127.0.0.1:9/cb"));
        HttpResponse<String> authorized = Api.HTTP.send(HttpRequest.newBuilder(URI.create(KysoStack.SIGNING
                + "/csc/v2/oauth2/authorize?response_type=code&client_id=" + oauthClient.id()
                + "&redirect_uri=http%3A%2F%2F127.0.0.1%3A9%2Fcb&code_challenge_method=S256&code_challenge="
                + "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM")).build(), HttpResponse.BodyHandlers.ofString());
        String location = authorized.headers().firstValue("Location").orElseThrow(() -> new IllegalStateException(
                "authorize answered " + authorized.statusCode() + ": " + authorized.body()));
        resources.put("oauthRequest", location.substring(location.indexOf("oauth_request=") + 14));
        Api.ok(Api.send("POST", KysoStack.SIGNING + "/api/v1/oauth-requests/" + resources.get("oauthRequest")
                + "/claim", alice.token(), null, null));
        resources.put("document", aliceDocument());
        resources.put("number", "1");
        // A browser of subscriber A that takes push notices (its push service lives for this class only).
        PUSH = new vn.kyso.testsupport.TestPushService();
        resources.put("subscriptionId", Api.json(Api.send("POST", Api.NOTIFICATION + "/api/v1/push/subscriptions",
                alice.token(), "application/json", Api.JSON.writeValueAsString(PUSH.subscribe().json())))
                .get("subscriptionId").asText());
        tokens.put("subscriber A", alice.token());
        tokens.put("subscriber B", bob.token());
        tokens.put("SP X", cscToken(spX));
        tokens.put("SP Y", cscToken(spY));
        tokens.put("operator", stack.operator());
        tokens.put("activation svc", serviceToken(stack, "activation-service", "KYSO_SERVICE_SECRET_ACTIVATION"));
        tokens.put("notification svc", serviceToken(stack, "notification-service", "KYSO_SERVICE_SECRET_NOTIFICATION"));
    }

    @org.junit.jupiter.api.AfterAll
    static void stopPushService() {
        if (PUSH != null) {
            PUSH.close();
        }
    }

    /** A PDF subscriber A uploaded to sign in the portal. */
    private static String aliceDocument() throws Exception {
        String pdf = java.util.Base64.getEncoder().encodeToString(vn.kyso.testsupport.TestPdfs.onePage("Matrix"));
        return Api.json(Api.send("POST", KysoStack.SIGNING + "/api/v1/documents", alice.token(), "application/json",
                "{\"fileName\":\"matrix.pdf\",\"document\":\"" + pdf + "\"}")).get("id").asText();
    }

    private static String serviceToken(KysoStack stack, String client, String secret) throws Exception {
        return Api.json(Api.send("POST", KysoStack.ACCOUNT + "/api/v1/auth/service-token", null, "application/json",
                "{\"clientId\":\"" + client + "\",\"clientSecret\":\"" + stack.secret(secret) + "\"}"))
                .get("access_token").asText();
    }

    @Test
    void everyOperationAnswersEachRoleAsTheTableSays() throws Exception {
        Map<String, Map<String, String>> observed = new TreeMap<>();
        for (var service : HostileInputIT.SERVICES.entrySet()) {
            JsonNode openapi = Api.json(Api.send("GET", service.getValue() + "/q/openapi?format=json", null, null,
                    null));
            for (var path : iterable(openapi.get("paths").fields())) {
                for (var op : iterable(path.getValue().fields())) {
                    String method = op.getKey().toUpperCase();
                    if (op.getValue().toString().contains("text/event-stream")) {
                        continue; // a stream never ends; its refusals are in HostileInputIT
                    }
                    Map<String, String> cells = new LinkedHashMap<>();
                    for (String role : ROLES) {
                        cells.put(role, cell(send(service.getValue(), method, path.getKey(), role,
                                op.getValue().has("requestBody"))));
                    }
                    observed.put(service.getKey() + " | " + method + " | " + path.getKey(), cells);
                }
            }
        }
        if (Boolean.getBoolean("kyso.write-matrix")) {
            write(observed);
        }
        Map<String, Map<String, String>> table = read();
        List<String> differences = new ArrayList<>();
        for (var row : observed.entrySet()) {
            Map<String, String> expected = table.get(row.getKey());
            if (expected == null) {
                differences.add("not in the table: " + row.getKey());
                continue;
            }
            for (String role : ROLES) {
                if (!expected.get(role).equals(row.getValue().get(role))) {
                    differences.add(row.getKey() + " as " + role + ": table says " + expected.get(role)
                            + ", the stack answers " + row.getValue().get(role));
                }
            }
        }
        table.keySet().stream().filter(k -> !observed.containsKey(k)).forEach(k -> differences.add("no such operation: "
                + k));
        assertEquals(List.of(), differences);
        JsonNode after = Api.json(Api.send("GET", KysoStack.SIGNING + "/api/v1/credentials", alice.token(), null,
                null)).get(0);
        assertEquals("ACTIVE", after.get("status").asText(), "asking every operation left A's credential as it was");
    }

    /** {@code allow} passes authorisation (any answer but 401/403/404); otherwise the refusal's status. */
    private static String cell(HttpResponse<String> response) {
        int status = response.statusCode();
        if (status >= 500) {
            return "ERROR " + status;
        }
        return status == 401 || status == 403 || status == 404 ? String.valueOf(status) : "allow";
    }

    private static HttpResponse<String> send(String base, String method, String template, String role,
            boolean hasBody) throws Exception {
        String path = template.endsWith("/suspend") || template.endsWith("/resume")
                ? template.replace("{serial}", "{heldSerial}") : template;
        for (var r : resources.entrySet()) {
            path = path.replace("{" + r.getKey() + "}", URLEncoder.encode(r.getValue(), StandardCharsets.UTF_8));
        }
        // Generic names: the resource of the operation's own kind.
        path = path.replace("{id}", template.startsWith("/api/v1/documents/")
                // Deleting takes the document away: each delete gets one of its own, the others keep theirs.
                ? method.equals("DELETE") ? aliceDocument() : resources.get("document")
                : template.contains("/oauth-requests/") ? resources.get("oauthRequest")
                : template.contains("/credentials/") ? resources.get("credential")
                // No recovery exists: the operator's empty body is refused before one is looked up.
                : template.startsWith("/api/v1/recoveries/") ? java.util.UUID.randomUUID().toString()
                : template.contains("/sca/sp769/") ? resources.get("sp769") : resources.get("transaction"));
        String body = null;
        String contentType = null;
        if (template.startsWith("/sca/sp769/") || template.startsWith("/neac/")) {
            // SP769 and NEAC carry the integrator's credentials in the body; other roles send none.
            KysoStack.Integrator sp = role.equals("SP X") ? spX : role.equals("SP Y") ? spY : null;
            body = sp == null ? "{}" : "{\"sp_id\":\"" + sp.id() + "\",\"sp_password\":\"" + sp.password()
                    + "\",\"user_id\":\"" + alice.identifier() + "\"}";
            contentType = "application/json";
        } else if (template.equals("/csc/v2/oauth2/token") || template.equals("/csc/v2/oauth2/revoke")) {
            // The OAuth 2.0 endpoints authenticate the client in the form; a bearer token is no client credential.
            KysoStack.Integrator sp = role.equals("SP X") ? spX : role.equals("SP Y") ? spY : null;
            body = (template.endsWith("token") ? "grant_type=client_credentials" : "token=never-issued")
                    + (sp == null ? "" : "&client_id=" + sp.id() + "&client_secret="
                    + URLEncoder.encode(sp.password(), StandardCharsets.UTF_8));
            contentType = "application/x-www-form-urlencoded";
        } else if (hasBody) {
            // An empty object: a request that passes authorisation is then refused as invalid, so nothing changes.
            body = "{}";
            contentType = "application/json";
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        String token = tokens.get(role);
        if (template.equals("/api/v1/auth/logout") && role.startsWith("subscriber")) {
            // Logout ends the session it is called with: a session of its own, so the roles' tokens stay usable.
            Api.Subscriber who = role.equals("subscriber A") ? alice : bob;
            token = Api.login(who.identifier(), who.password());
        }
        if (token != null && !template.startsWith("/sca/sp769/") && !template.startsWith("/neac/")) {
            request.header("Authorization", "Bearer " + token);
        }
        return Api.HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String cscToken(KysoStack.Integrator sp) throws Exception {
        return Api.json(Api.send("POST", KysoStack.SIGNING + "/csc/v2/oauth2/token", null,
                "application/x-www-form-urlencoded", "grant_type=client_credentials&client_id=" + sp.id()
                        + "&client_secret=" + URLEncoder.encode(sp.password(), StandardCharsets.UTF_8)))
                .get("access_token").asText();
    }

    private static Map<String, Map<String, String>> read() throws Exception {
        String page = Files.readString(TABLE);
        String table = page.substring(page.indexOf(BEGIN) + BEGIN.length(), page.indexOf(END));
        Map<String, Map<String, String>> rows = new TreeMap<>();
        for (String line : table.lines().toList()) {
            if (!line.startsWith("| ") || line.startsWith("| service ") || line.startsWith("|---")) {
                continue;
            }
            String[] cells = line.substring(2, line.length() - 2).split(" \\| ");
            String key = cells[0] + " | " + cells[1] + " | " + cells[2].replace("`", "");
            Map<String, String> byRole = new LinkedHashMap<>();
            for (int i = 0; i < ROLES.size(); i++) {
                byRole.put(ROLES.get(i), cells[3 + i].strip());
            }
            rows.put(key, byRole);
        }
        return rows;
    }

    private static void write(Map<String, Map<String, String>> observed) throws Exception {
        StringBuilder md = new StringBuilder("\n| service | method | path | " + String.join(" | ", ROLES) + " |\n|---|---|---|"
                + "---|".repeat(ROLES.size()) + "\n");
        observed.forEach((key, cells) -> {
            String[] parts = key.split(" \\| ");
            md.append("| ").append(parts[0]).append(" | ").append(parts[1]).append(" | `").append(parts[2])
                    .append("` | ").append(String.join(" | ", cells.values())).append(" |\n");
        });
        String page = Files.readString(TABLE);
        Files.writeString(TABLE, page.substring(0, page.indexOf(BEGIN) + BEGIN.length()) + md
                + page.substring(page.indexOf(END)));
    }

    private static <T> Iterable<T> iterable(java.util.Iterator<T> iterator) {
        return () -> iterator;
    }
}
