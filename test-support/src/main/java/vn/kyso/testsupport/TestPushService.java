package vn.kyso.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPublicKeySpec;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import javax.crypto.Cipher;
import javax.crypto.KeyAgreement;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;

/**
 * A push service as browsers use (RFC 8030) on a loopback port, with the browser's half too: it makes subscriptions
 * (a P-256 key pair and an auth secret, as a browser does), takes messages for them, checks their VAPID signature
 * (RFC 8292) and decrypts them (RFC 8291, aes128gcm) with the JDK alone, independently of the sender's library.
 */
public final class TestPushService implements AutoCloseable {

    private static final Base64.Encoder B64URL = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder B64URL_IN = Base64.getUrlDecoder();
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final Map<String, Subscription> subscriptions = new ConcurrentHashMap<>();
    private final Set<String> gone = ConcurrentHashMap.newKeySet();
    private final List<Received> received = new CopyOnWriteArrayList<>();

    /** A browser's subscription: what it hands the application server, and its private half. */
    public record Subscription(String endpoint, KeyPair keys, byte[] auth) {

        /** The browser's {@code PushSubscription.toJSON()}. */
        public Map<String, Object> json() {
            return Map.of("endpoint", endpoint, "keys", Map.of("p256dh", B64URL.encodeToString(point((ECPublicKey) keys.getPublic())),
                            "auth", B64URL.encodeToString(auth)));
        }
    }

    /** One message as the push service took it. */
    public record Received(String endpoint, Map<String, String> headers, byte[] body, Instant at) {
    }

    public TestPushService() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/push/", exchange -> {
            String endpoint = origin() + exchange.getRequestURI().getPath();
            byte[] body = exchange.getRequestBody().readAllBytes();
            int status;
            if (!"POST".equals(exchange.getRequestMethod())) {
                status = 405;
            } else if (gone.contains(endpoint) || !subscriptions.containsKey(endpoint)) {
                status = 410;
            } else {
                Map<String, String> headers = new ConcurrentHashMap<>();
                exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(), values.get(0)));
                received.add(new Received(endpoint, headers, body, Instant.now()));
                status = 201;
            }
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        server.start();
    }

    /** {@code http://127.0.0.1:port}: the origin a VAPID token must name as its audience. */
    public String origin() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** A new subscription, as a browser makes when the page calls {@code pushManager.subscribe}. */
    public Subscription subscribe() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            byte[] auth = new byte[16];
            new SecureRandom().nextBytes(auth);
            Subscription s = new Subscription(origin() + "/push/" + UUID.randomUUID(), generator.generateKeyPair(),
                    auth);
            subscriptions.put(s.endpoint(), s);
            return s;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** From now on the push service answers 410 Gone for this subscription (the browser unsubscribed). */
    public void expire(Subscription s) {
        gone.add(s.endpoint());
    }

    /** Every message taken for the subscription so far. */
    public List<Received> receivedFor(Subscription s) {
        return received.stream().filter(r -> r.endpoint().equals(s.endpoint())).toList();
    }

    /**
     * Checks the message's VAPID authorisation (RFC 8292 §2–3): an ES256 JWT signed by {@code k}, which must be the
     * application server's key; audience this push service's origin, expiry within 24 hours, a contact subject.
     */
    public JsonNode verifyVapid(Received message, String applicationServerKey) {
        String authorization = message.headers().get("authorization");
        if (authorization == null || !authorization.startsWith("vapid ")) {
            throw new AssertionError("no vapid Authorization header: " + authorization);
        }
        String token = null;
        String key = null;
        for (String part : authorization.substring(6).split(",")) {
            String p = part.strip();
            if (p.startsWith("t=")) {
                token = p.substring(2);
            } else if (p.startsWith("k=")) {
                key = p.substring(2);
            }
        }
        if (token == null || !applicationServerKey.equals(key)) {
            throw new AssertionError("VAPID k is not the application server's key: " + key);
        }
        String[] jws = token.split("\\.");
        try {
            JsonNode header = JSON.readTree(B64URL_IN.decode(jws[0]));
            JsonNode claims = JSON.readTree(B64URL_IN.decode(jws[1]));
            if (!"ES256".equals(header.path("alg").asText())) {
                throw new AssertionError("VAPID alg is not ES256: " + header);
            }
            Signature verifier = Signature.getInstance("SHA256withECDSAinP1363Format");
            verifier.initVerify(publicKey(B64URL_IN.decode(key)));
            verifier.update((jws[0] + "." + jws[1]).getBytes(StandardCharsets.US_ASCII));
            if (!verifier.verify(B64URL_IN.decode(jws[2]))) {
                throw new AssertionError("VAPID signature does not verify");
            }
            long exp = claims.path("exp").asLong();
            long now = Instant.now().getEpochSecond();
            if (!origin().equals(claims.path("aud").asText()) || exp <= now || exp > now + 24 * 3600
                    || !claims.path("sub").asText().matches("(mailto|https):.+")) {
                throw new AssertionError("VAPID claims wrong: " + claims);
            }
            return claims;
        } catch (IOException | GeneralSecurityException e) {
            throw new AssertionError("VAPID token unreadable", e);
        }
    }

    /** Decrypts an aes128gcm message (RFC 8188 single record) with the subscription's private key and auth secret. */
    public static byte[] decrypt(Received message, Subscription s) {
        if (!"aes128gcm".equals(message.headers().get("content-encoding"))) {
            throw new AssertionError("Content-Encoding is not aes128gcm: " + message.headers());
        }
        try {
            ByteBuffer in = ByteBuffer.wrap(message.body());
            byte[] salt = new byte[16];
            in.get(salt);
            int recordSize = in.getInt();
            byte[] senderKey = new byte[in.get() & 0xff];
            in.get(senderKey);
            byte[] ciphertext = new byte[in.remaining()];
            in.get(ciphertext);
            if (ciphertext.length > recordSize) {
                throw new AssertionError("more than one record");
            }
            KeyAgreement ecdh = KeyAgreement.getInstance("ECDH");
            ecdh.init(s.keys().getPrivate());
            ecdh.doPhase(publicKey(senderKey), true);
            byte[] shared = ecdh.generateSecret();
            byte[] receiverKey = point((ECPublicKey) s.keys().getPublic());
            byte[] keyInfo = concat("WebPush: info".getBytes(StandardCharsets.US_ASCII), new byte[] {0}, receiverKey,
                    senderKey);
            byte[] ikm = expand(hmac(s.auth(), shared), keyInfo, 32);
            byte[] prk = hmac(salt, ikm);
            byte[] cek = expand(prk, concat("Content-Encoding: aes128gcm".getBytes(StandardCharsets.US_ASCII),
                    new byte[] {0}), 16);
            byte[] nonce = expand(prk, concat("Content-Encoding: nonce".getBytes(StandardCharsets.US_ASCII),
                    new byte[] {0}), 12);
            Cipher aes = Cipher.getInstance("AES/GCM/NoPadding");
            aes.init(Cipher.DECRYPT_MODE, new SecretKeySpec(cek, "AES"), new GCMParameterSpec(128, nonce));
            byte[] padded = aes.doFinal(ciphertext);
            int end = padded.length - 1;
            while (end >= 0 && padded[end] == 0) {
                end--;
            }
            if (end < 0 || padded[end] != 2) {
                throw new AssertionError("no last-record delimiter");
            }
            return Arrays.copyOf(padded, end);
        } catch (GeneralSecurityException e) {
            throw new AssertionError("the push message does not decrypt with the subscription's keys", e);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private static byte[] hmac(byte[] key, byte[] data) throws GeneralSecurityException {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        return mac.doFinal(data);
    }

    /** HKDF-Expand for one block (every length used here is at most 32). */
    private static byte[] expand(byte[] prk, byte[] info, int length) throws GeneralSecurityException {
        return Arrays.copyOf(hmac(prk, concat(info, new byte[] {1})), length);
    }

    private static byte[] concat(byte[]... parts) {
        int n = 0;
        for (byte[] p : parts) {
            n += p.length;
        }
        ByteBuffer out = ByteBuffer.allocate(n);
        for (byte[] p : parts) {
            out.put(p);
        }
        return out.array();
    }

    static byte[] point(ECPublicKey key) {
        byte[] out = new byte[65];
        out[0] = 4;
        copy32(key.getW().getAffineX(), out, 1);
        copy32(key.getW().getAffineY(), out, 33);
        return out;
    }

    private static void copy32(BigInteger n, byte[] out, int at) {
        byte[] b = n.toByteArray();
        int from = Math.max(0, b.length - 32);
        int len = b.length - from;
        System.arraycopy(b, from, out, at + 32 - len, len);
    }

    private static ECPublicKey publicKey(byte[] point) throws GeneralSecurityException {
        if (point.length != 65 || point[0] != 4) {
            throw new GeneralSecurityException("not an uncompressed P-256 point");
        }
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        ECParameterSpec params = ((ECPublicKey) generator.generateKeyPair().getPublic()).getParams();
        ECPoint w = new ECPoint(new BigInteger(1, Arrays.copyOfRange(point, 1, 33)),
                new BigInteger(1, Arrays.copyOfRange(point, 33, 65)));
        return (ECPublicKey) KeyFactory.getInstance("EC").generatePublic(new ECPublicKeySpec(w, params));
    }
}
