package vn.kyso.commons.crypto;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.UUID;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The stored form of a one-time code mailed to a subscriber (activation, recovery): an HMAC bound to the row it
 * belongs to, so the code is never kept in clear and a hash copied to another row is useless.
 */
public final class BoundCodes {

    private final SecretKeySpec key;

    /** @param key a key for this purpose only */
    public BoundCodes(byte[] key) {
        this.key = new SecretKeySpec(key, "HmacSHA256");
    }

    public String hash(UUID owner, String code) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return HexFormat.of().formatHex(mac.doFinal((owner + ":" + code).getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** In constant time; false for a missing code or hash. */
    public boolean matches(UUID owner, String code, String storedHash) {
        return code != null && storedHash != null && MessageDigest.isEqual(
                hash(owner, code).getBytes(StandardCharsets.US_ASCII),
                storedHash.getBytes(StandardCharsets.US_ASCII));
    }
}
