package vn.kyso.signing.crypto;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import vn.kyso.audit.crypto.AuditSignatures;

/**
 * The signature Kyso adds to webhooks so an integrator can tell they come from Kyso: Ed25519 over
 * {@code <timestamp>.<body>} with a key only signing-service holds (derived from its root key), published as a JWK
 * set. Nothing stored or published about an integrator (its secret's hash) lets anyone sign a webhook.
 */
public final class WebhookSignatures {

    /** Header carrying {@code t=<epoch seconds>,kid=<key id>,ed25519=<base64url signature>}. */
    public static final String HEADER = "X-Kyso-Signature";

    private final AuditSignatures key;

    /** {@code seed}: 32 bytes that become the Ed25519 private key (RFC 8032). */
    public WebhookSignatures(byte[] seed) {
        this.key = new AuditSignatures(seed);
    }

    public String header(long epochSeconds, String body) {
        byte[] signature = key.sign((epochSeconds + "." + body).getBytes(StandardCharsets.UTF_8));
        return "t=" + epochSeconds + ",kid=" + key.keyId() + ",ed25519="
                + Base64.getUrlEncoder().withoutPadding().encodeToString(signature);
    }

    /** The JWK set (RFC 7517, OKP key of RFC 8037) integrators verify webhooks with. */
    public Map<String, Object> keySet() {
        Map<String, Object> jwk = new LinkedHashMap<>();
        jwk.put("kty", "OKP");
        jwk.put("crv", "Ed25519");
        jwk.put("kid", key.keyId());
        jwk.put("use", "sig");
        jwk.put("alg", "EdDSA");
        jwk.put("x", key.publicKey());
        return Map.of("keys", List.of(jwk));
    }
}
