package vn.kyso.signing.crypto;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;

/**
 * The signature Kyso adds to webhooks so an integrator can tell they come from Kyso: Ed25519 over
 * {@code <timestamp>.<body>} with a key only signing-service holds (derived from its root key), published as a JWK
 * set. Nothing stored or published about an integrator (its secret's hash) lets anyone sign a webhook.
 */
public final class WebhookSignatures {

    /** Header carrying {@code t=<epoch seconds>,kid=<key id>,ed25519=<base64url signature>}. */
    public static final String HEADER = "X-Kyso-Signature";

    private static final Base64.Encoder B64URL = Base64.getUrlEncoder().withoutPadding();

    private final Ed25519PrivateKeyParameters key;
    private final Ed25519PublicKeyParameters publicKey;
    private final String keyId;

    /** {@code seed}: 32 bytes that become the Ed25519 private key (RFC 8032). */
    public WebhookSignatures(byte[] seed) {
        this.key = new Ed25519PrivateKeyParameters(seed, 0);
        this.publicKey = key.generatePublicKey();
        this.keyId = thumbprint(publicKey.getEncoded());
    }

    public String header(long epochSeconds, String body) {
        byte[] message = (epochSeconds + "." + body).getBytes(StandardCharsets.UTF_8);
        Ed25519Signer signer = new Ed25519Signer();
        signer.init(true, key);
        signer.update(message, 0, message.length);
        return "t=" + epochSeconds + ",kid=" + keyId + ",ed25519=" + B64URL.encodeToString(signer.generateSignature());
    }

    /** The JWK set (RFC 7517, OKP key of RFC 8037) integrators verify webhooks with. */
    public Map<String, Object> keySet() {
        Map<String, Object> jwk = new LinkedHashMap<>();
        jwk.put("kty", "OKP");
        jwk.put("crv", "Ed25519");
        jwk.put("kid", keyId);
        jwk.put("use", "sig");
        jwk.put("alg", "EdDSA");
        jwk.put("x", B64URL.encodeToString(publicKey.getEncoded()));
        return Map.of("keys", List.of(jwk));
    }

    /** RFC 7638 thumbprint of the OKP public key: the {@code kid}. */
    private static String thumbprint(byte[] x) {
        String canonical = "{\"crv\":\"Ed25519\",\"kty\":\"OKP\",\"x\":\"" + B64URL.encodeToString(x) + "\"}";
        try {
            return B64URL.encodeToString(MessageDigest.getInstance("SHA-256")
                    .digest(canonical.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
