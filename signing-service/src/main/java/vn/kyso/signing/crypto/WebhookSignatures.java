package vn.kyso.signing.crypto;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The signature Kyso adds to webhooks so an SP can tell they come from Kyso: HMAC-SHA256 over
 * {@code <timestamp>.<body>}, keyed with the 32 bytes of SHA-256(sp_password) — which the SP computes from its own
 * secret and Kyso holds (it never holds the secret itself).
 */
public final class WebhookSignatures {

    /** Header carrying {@code t=<epoch seconds>,v1=<hex HMAC>}. */
    public static final String HEADER = "X-Kyso-Signature";

    private WebhookSignatures() {
    }

    public static String header(String secretSha256Hex, long epochSeconds, String body) {
        return "t=" + epochSeconds + ",v1=" + hmac(secretSha256Hex, epochSeconds, body);
    }

    public static String hmac(String secretSha256Hex, long epochSeconds, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(HexFormat.of().parseHex(secretSha256Hex), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal((epochSeconds + "." + body)
                    .getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
