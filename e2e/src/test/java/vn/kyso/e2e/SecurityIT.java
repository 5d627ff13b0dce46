package vn.kyso.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;

/** Issue 18's findings against the running stack, checked with tools Kyso did not write where one exists. */
class SecurityIT {

    /** A browser's call to the portal: its session cookie, its CSRF token, its address (the portal's edge says it). */
    private record Browser(String address, String csrf, String session) {

        HttpResponse<String> send(String method, String path, String body) throws Exception {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(KysoStack.PORTAL + path))
                    .header("X-Forwarded-For", address).header("X-CSRF-Token", csrf)
                    .header("Cookie", "kyso_csrf=" + csrf + (session == null ? "" : "; kyso_session=" + session))
                    .header("Content-Type", "application/json")
                    .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofString(body));
            return Api.HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        }

        Browser signedIn(String identifier, String password) throws Exception {
            HttpResponse<String> login = send("POST", "/bff/login", "{\"identifier\":\"" + identifier
                    + "\",\"password\":\"" + password + "\"}");
            assertEquals(200, login.statusCode(), login.body());
            String cookie = login.headers().allValues("set-cookie").stream().filter(c -> c.startsWith("kyso_session="))
                    .findFirst().orElseThrow();
            return new Browser(address, csrf, cookie.substring("kyso_session=".length(), cookie.indexOf(';')));
        }
    }

    private static Browser browser(String address) throws Exception {
        HttpResponse<String> session = Api.HTTP.send(HttpRequest.newBuilder(URI.create(KysoStack.PORTAL
                + "/bff/session")).header("X-Forwarded-For", address).build(), HttpResponse.BodyHandlers.ofString());
        return new Browser(address, Api.JSON.readTree(session.body()).get("csrfToken").asText(), null);
    }

    /** Finding 13: a copy of the session cookie taken before sign-out is refused right after it. */
    @Test
    void signingOutOfThePortalEndsEveryCopyOfTheSession() throws Exception {
        KysoStack stack = KysoStack.shared();
        Api.Subscriber an = Api.activate(stack, "Lê Thị Thu");
        Browser browser = browser("198.51.100.31").signedIn(an.identifier(), an.password());
        Browser thief = new Browser("203.0.113.31", browser.csrf(), browser.session());
        assertEquals(200, thief.send("GET", "/bff/api/signing/credentials", null).statusCode());

        assertEquals(204, browser.send("POST", "/bff/logout", null).statusCode());
        HttpResponse<String> after = thief.send("GET", "/bff/api/signing/credentials", null);
        assertEquals(401, after.statusCode(), after.body());
        assertTrue(after.body().contains("SESSION_REQUIRED"), after.body());
        assertTrue(thief.send("GET", "/bff/session", null).body().contains("\"authenticated\":false"));
        // The subscriber signs in again as usual.
        assertEquals(200, browser("198.51.100.31").signedIn(an.identifier(), an.password())
                .send("GET", "/bff/api/signing/credentials", null).statusCode());
    }

    /**
     * Finding 5 through the portal: the guessing browser waits (429, same for a real and an unknown identifier), the
     * owner's browser signs in; the portal passes each browser's address on, so they are not one source.
     */
    @Test
    void wrongPasswordsSlowTheGuessingBrowserOnlyAndNeverLockTheOwnerOut() throws Exception {
        KysoStack stack = KysoStack.shared();
        Api.Subscriber binh = Api.activate(stack, "Phạm Văn Bình");
        List<Integer> real = sixWrong(browser("203.0.113.41"), binh.identifier());
        List<Integer> unknown = sixWrong(browser("203.0.113.41"), Api.newIdentifier());
        assertEquals(List.of(401, 401, 401, 401, 401, 429), real);
        assertEquals(real, unknown, "a real and an unknown identifier are answered alike");
        assertEquals(429, browser("203.0.113.41").send("POST", "/bff/login", "{\"identifier\":\"" + binh.identifier()
                + "\",\"password\":\"" + binh.password() + "\"}").statusCode());
        assertEquals(200, browser("198.51.100.41").send("POST", "/bff/login", "{\"identifier\":\"" + binh.identifier()
                + "\",\"password\":\"" + binh.password() + "\"}").statusCode(), "the owner, elsewhere, signs in");
    }

    private static List<Integer> sixWrong(Browser browser, String identifier) throws Exception {
        List<Integer> answers = new java.util.ArrayList<>();
        for (int i = 1; i <= 6; i++) {
            answers.add(browser.send("POST", "/bff/login", "{\"identifier\":\"" + identifier
                    + "\",\"password\":\"Sai-Mat-Khau-" + i + "!\"}").statusCode());
        }
        return answers;
    }

    /**
     * Finding 8: a webhook's signature verifies with OpenSSL against the published Ed25519 key, and nothing an
     * integrator's stored or published data holds (its secret's hash) reproduces it.
     */
    @Test
    void webhooksVerifyWithOpensslAgainstThePublishedKey() throws Exception {
        KysoStack stack = KysoStack.shared();
        List<String[]> received = new CopyOnWriteArrayList<>();
        HttpServer hook = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        hook.createContext("/hook", exchange -> {
            received.add(new String[] {exchange.getRequestHeaders().getFirst("X-Kyso-Signature"),
                    new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)});
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        hook.start();
        Path dir = Files.createTempDirectory("kyso-webhook-");
        try {
            Api.Subscriber cuong = Api.activate(stack, "Đỗ Mạnh Cường");
            KysoStack.Integrator sp = stack.registerIntegrator("Webhook " + cuong.identifier(), cuong.identifier(),
                    "http://127.0.0.1:" + hook.getAddress().getPort() + "/hook");
            String tran = Api.JSON.readTree(stack.sp769Sign(sp, cuong.identifier(), "HOOK-" + cuong.identifier(),
                    HexFormat.of().formatHex(new byte[32]))).at("/data/tran_code").asText();
            Api.ok(cuong.confirm(tran));
            Api.await(() -> received.size(), n -> n >= 1, "the webhook");
            String header = received.get(0)[0];
            String body = received.get(0)[1];
            String t = header.substring(2, header.indexOf(','));
            String kid = header.substring(header.indexOf("kid=") + 4, header.indexOf(",ed25519="));
            JsonNode keys = Api.json(Api.send("GET", KysoStack.SIGNING + "/sca/sp769/v1/webhook-keys", null, null,
                    null));
            JsonNode key = keys.get("keys").get(0);
            assertEquals(kid, key.get("kid").asText());
            byte[] spki = concat(HexFormat.of().parseHex("302a300506032b6570032100"),
                    Base64.getUrlDecoder().decode(key.get("x").asText()));
            Path pem = Files.writeString(dir.resolve("webhook.pem"), "-----BEGIN PUBLIC KEY-----\n"
                    + Base64.getMimeEncoder().encodeToString(spki) + "\n-----END PUBLIC KEY-----\n");
            Path message = Files.writeString(dir.resolve("message"), t + "." + body);
            Path signature = Files.write(dir.resolve("signature"),
                    Base64.getUrlDecoder().decode(header.substring(header.indexOf("ed25519=") + 8)));
            String verified = openssl("pkeyutl", "-verify", "-pubin", "-inkey", pem.toString(), "-rawin", "-in",
                    message.toString(), "-sigfile", signature.toString());
            assertTrue(verified.contains("Signature Verified Successfully"), verified);
            Files.writeString(message, t + "." + body.replace("\"status_code\":200", "\"status_code\":401"));
            assertTrue(!openssl("pkeyutl", "-verify", "-pubin", "-inkey", pem.toString(), "-rawin", "-in",
                    message.toString(), "-sigfile", signature.toString()).contains("Successfully"),
                    "an altered body does not verify");
            // What the old scheme keyed its HMAC with — SHA-256 of the secret, stored in two databases and published
            // on kyso.serviceprovider.events — signs nothing now.
            javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
            mac.init(new javax.crypto.spec.SecretKeySpec(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(sp.password().getBytes(StandardCharsets.UTF_8)), "HmacSHA256"));
            String forged = HexFormat.of().formatHex(mac.doFinal((t + "." + body).getBytes(StandardCharsets.UTF_8)));
            assertTrue(!header.contains(forged) && !header.contains("v1="), header);
        } finally {
            hook.stop(0);
        }
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static String openssl(String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of("openssl"));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        process.waitFor();
        return output;
    }
}
