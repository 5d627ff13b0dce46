package vn.kyso.e2e;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.function.Predicate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The stack's HTTP APIs as a subscriber's app and an operator use them, without a browser. */
final class Api {

    static final ObjectMapper JSON = new ObjectMapper();
    /**
     * HTTP/1.1, as browsers and integrators' servers speak to these plain-HTTP ports. The JDK client's default is an
     * h2c upgrade; on JDK 25 its connections failed (EOF) or stalled (timeout) later requests after the server's GOAWAY,
     * which Vert.x sends with a 413 and at shutdown — a client artefact, not the server's answer.
     */
    static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    static final String ACTIVATION = "http://127.0.0.1:" + (8082 + KysoStack.OFFSET);
    static final String CA = "http://127.0.0.1:" + (8083 + KysoStack.OFFSET);
    static final String NOTIFICATION = "http://127.0.0.1:" + (8085 + KysoStack.OFFSET);

    private Api() {
    }

    /** An ACTIVE subscriber: signed in, with a credential whose device key this test holds. */
    record Subscriber(String identifier, String accountId, String email, String password, String pin, String token,
            String credentialId, KeyPair device) {

        /** The device's answer to a server challenge: ECDSA P-256 over the challenge's ASCII bytes, DER, base64. */
        String sign(String challenge) throws Exception {
            Signature s = Signature.getInstance("SHA256withECDSA");
            s.initSign(device.getPrivate());
            s.update(challenge.getBytes(StandardCharsets.US_ASCII));
            return Base64.getEncoder().encodeToString(s.sign());
        }

        /** Confirms a pending transaction with PIN + device signature; returns the answer. */
        HttpResponse<String> confirm(String transactionId) throws Exception {
            return decide(transactionId, "confirm");
        }

        /** Refuses a pending transaction, signed by the device like a confirmation. */
        HttpResponse<String> reject(String transactionId) throws Exception {
            return decide(transactionId, "reject");
        }

        private HttpResponse<String> decide(String transactionId, String decision) throws Exception {
            JsonNode detail = json(send("GET", KysoStack.SIGNING + "/api/v1/transactions/" + transactionId, token,
                    null, null));
            String challenge = detail.get("challenge").asText();
            return send("POST", KysoStack.SIGNING + "/api/v1/transactions/" + transactionId + "/" + decision, token,
                    "application/json", JSON.writeValueAsString(Map.of("pin", pin, "challenge", challenge,
                            "deviceSignature", sign(challenge))));
        }
    }

    /** A new device's public key (EC P-256, X.509 DER, base64), as a phone registers it. */
    static String newDeviceKey() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        return Base64.getEncoder().encodeToString(generator.generateKeyPair().getPublic().getEncoded());
    }

    /** A fresh 12-digit CCCD number. */
    static String newIdentifier() {
        return String.format("%012d", Math.floorMod(new java.util.Random().nextLong(), 1_000_000_000_000L));
    }

    /** {@link #activate(KysoStack, String, String)} with a fresh identifier. */
    static Subscriber activate(KysoStack stack, String fullName) throws Exception {
        return activate(stack, newIdentifier(), fullName);
    }

    /** The seed's whole activation through the APIs: account, code, password, PIN + device, certificate, record. */
    static Subscriber activate(KysoStack stack, String identifier, String fullName) throws Exception {
        String email = "api-" + identifier + "@example.vn";
        KysoStack.Created created = stack.createAccount(identifier, fullName, email);
        String password = "Mat-Khau-" + identifier.substring(6) + "!a";
        String pin = "481620";
        ok(send("POST", ACTIVATION + "/api/v1/activation/verify", null, "application/json", JSON.writeValueAsString(
                Map.of("identifier", identifier, "activationCode", created.code(), "password", password,
                        "confirmPassword", password, "acceptTerms", true))));
        String token = login(identifier, password);
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair device = generator.generateKeyPair();
        ok(send("POST", KysoStack.SIGNING + "/api/v1/credentials", token, "application/json",
                JSON.writeValueAsString(Map.of("pin", pin, "confirmPin", pin, "deviceName", "máy thử " + identifier,
                        "devicePublicKey", Base64.getEncoder().encodeToString(device.getPublic().getEncoded())))));
        JsonNode credentials = await(() -> json(send("GET", KysoStack.SIGNING + "/api/v1/credentials", token, null,
                null)), list -> list.toString().contains("\"status\":\"ACTIVE\""), "an ACTIVE credential");
        String credentialId = credentials.get(0).get("id").asText();
        JsonNode status = await(() -> json(send("GET", ACTIVATION + "/api/v1/activation/status", token, null, null)),
                s -> s.toString().contains("\"status\":\"PENDING\""), "the acceptance record waiting");
        Subscriber subscriber = new Subscriber(identifier, created.accountId(), email, password, pin, token,
                credentialId, device);
        ok(subscriber.confirm(status.at("/acceptance/transactionId").asText()));
        await(() -> json(send("GET", KysoStack.ACCOUNT + "/api/v1/me", token, null, null)),
                me -> "ACTIVE".equals(me.path("status").asText()), "the account ACTIVE");
        return subscriber;
    }

    static String login(String username, String password) throws Exception {
        return json(ok(send("POST", KysoStack.ACCOUNT + "/api/v1/auth/token", null, "application/json",
                JSON.writeValueAsString(Map.of("username", username, "password", password))))).get("access_token")
                .asText();
    }

    static HttpResponse<String> send(String method, String url, String bearer, String contentType, String body)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    static HttpResponse<String> ok(HttpResponse<String> response) {
        if (response.statusCode() >= 300) {
            throw new IllegalStateException(response.request().method() + " " + response.uri() + " answered "
                    + response.statusCode() + ": " + response.body());
        }
        return response;
    }

    static JsonNode json(HttpResponse<String> response) throws IOException {
        return JSON.readTree(ok(response).body());
    }

    interface Call<T> {
        T get() throws Exception;
    }

    /** Polls until the condition holds (60 s at most): the saga's steps are asynchronous. */
    static <T> T await(Call<T> call, Predicate<T> done, String what) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        T last = null;
        while (System.nanoTime() < deadline) {
            last = call.get();
            if (done.test(last)) {
                return last;
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("no " + what + " after 60 s; last: " + last);
    }
}
