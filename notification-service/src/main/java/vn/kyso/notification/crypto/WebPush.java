package vn.kyso.notification.crypto;

import java.net.URI;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.Security;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.bouncycastle.jce.interfaces.ECPrivateKey;
import org.bouncycastle.jce.interfaces.ECPublicKey;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.lang.JoseException;

import nl.martijndwars.webpush.AbstractPushService;
import nl.martijndwars.webpush.Encoding;
import nl.martijndwars.webpush.Utils;
import vn.kyso.commons.crypto.Pem;
import vn.kyso.notification.config.NotificationConfig;

/**
 * Web Push's cryptography: the payload encrypted to the browser's keys by the web-push library (RFC 8291,
 * {@code aes128gcm}) and the request authorised with this server's VAPID key (RFC 8292, an ES256 JWT by jose4j),
 * which browsers were given as the {@code applicationServerKey} when they subscribed.
 */
@ApplicationScoped
public class WebPush {

    private static final Base64.Decoder B64URL = Base64.getUrlDecoder();

    static {
        // The library asks for its keys and ECDH by provider name.
        if (Security.getProvider(BouncyCastleProvider.PROVIDER_NAME) == null) {
            Security.addProvider(new BouncyCastleProvider());
        }
    }

    private final Optional<Vapid> vapid;
    private final String subject;

    public WebPush(NotificationConfig config) {
        this.vapid = config.push().vapidPrivateKeyLocation().filter(s -> !s.isBlank()).map(WebPush::load);
        this.subject = config.push().subject();
    }

    /** The VAPID public key (uncompressed P-256 point, base64url) browsers subscribe with; empty when push is off. */
    public Optional<String> publicKey() {
        return vapid.map(Vapid::publicKey);
    }

    /**
     * Why a browser's subscription keys cannot be encrypted to, or null when they can: {@code p256dh} must be an
     * uncompressed point on P-256 and {@code auth} 16 bytes, both base64url.
     */
    public static String keysRefusal(String p256dh, String auth) {
        try {
            byte[] point = B64URL.decode(p256dh);
            if (point.length != 65 || point[0] != 4) {
                return "keys.p256dh must be an uncompressed P-256 point (65 bytes, base64url)";
            }
            Utils.loadPublicKey(p256dh);
        } catch (IllegalArgumentException | GeneralSecurityException e) {
            return "keys.p256dh must be an uncompressed P-256 point (65 bytes, base64url)";
        }
        try {
            if (B64URL.decode(auth).length != 16) {
                return "keys.auth must be 16 bytes, base64url";
            }
        } catch (IllegalArgumentException e) {
            return "keys.auth must be 16 bytes, base64url";
        }
        return null;
    }

    /**
     * The push message for one subscription: headers ({@code Authorization: vapid}, {@code Content-Encoding:
     * aes128gcm}, {@code TTL}, {@code Urgency}) and the body encrypted by the library. The VAPID token is signed here:
     * the library's names the endpoint's origin without its port, which RFC 8292 §2 requires when it is not the
     * scheme's default. Blocking (ECDH, signing).
     */
    public Encrypted encrypt(URI endpoint, String p256dh, String auth, byte[] payload, int ttlSeconds, boolean urgent) {
        Vapid key = vapid.orElseThrow(() -> new IllegalStateException("push is not configured"));
        try {
            nl.martijndwars.webpush.Encrypted sealed = AbstractPushService.encrypt(payload,
                    (ECPublicKey) Utils.loadPublicKey(p256dh), B64URL.decode(auth), Encoding.AES128GCM);
            JwtClaims claims = new JwtClaims();
            claims.setAudience(origin(endpoint));
            claims.setExpirationTimeMinutesInTheFuture(12 * 60);
            claims.setSubject(subject);
            JsonWebSignature jws = new JsonWebSignature();
            jws.setHeader("typ", "JWT");
            jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.ECDSA_USING_P256_CURVE_AND_SHA256);
            jws.setPayload(claims.toJson());
            jws.setKey(key.privateKey());
            Map<String, String> headers = new LinkedHashMap<>();
            headers.put("TTL", Integer.toString(ttlSeconds));
            headers.put("Urgency", urgent ? "high" : "normal");
            headers.put("Content-Type", "application/octet-stream");
            headers.put("Content-Encoding", "aes128gcm");
            headers.put("Authorization", "vapid t=" + jws.getCompactSerialization() + ", k=" + key.publicKey());
            return new Encrypted(headers, sealed.getCiphertext());
        } catch (GeneralSecurityException | JoseException e) {
            throw new IllegalStateException("the push message could not be encrypted", e);
        }
    }

    /** RFC 6454 origin: scheme and host, and the port unless it is the scheme's default. */
    static String origin(URI endpoint) {
        int port = endpoint.getPort();
        boolean standard = port < 0 || ("https".equals(endpoint.getScheme()) && port == 443)
                || ("http".equals(endpoint.getScheme()) && port == 80);
        return endpoint.getScheme() + "://" + endpoint.getHost() + (standard ? "" : ":" + port);
    }

    /** A ready push request. */
    public record Encrypted(Map<String, String> headers, byte[] body) {
    }

    private record Vapid(ECPrivateKey privateKey, String publicKey) {
    }

    private static Vapid load(String location) {
        try {
            byte[] der = Pem.pkcs8(location);
            ECPrivateKey privateKey = (ECPrivateKey) KeyFactory.getInstance("EC", BouncyCastleProvider.PROVIDER_NAME)
                    .generatePrivate(new PKCS8EncodedKeySpec(der));
            ECPublicKey publicKey = Utils.loadPublicKey(privateKey);
            String encoded = Base64.getUrlEncoder().withoutPadding().encodeToString(Utils.encode(publicKey));
            return new Vapid(privateKey, encoded);
        } catch (GeneralSecurityException | ClassCastException e) {
            throw new IllegalStateException("the VAPID key is not an EC P-256 private key (PKCS#8 PEM)", e);
        }
    }
}
