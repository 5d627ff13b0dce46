package vn.kyso.signing.crypto;

import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.util.UUID;

import vn.kyso.commons.crypto.BoundCodes;
import vn.kyso.commons.crypto.Pem;
import vn.kyso.commons.crypto.SecretSealing;
import vn.kyso.events.SealedSecret;
import vn.kyso.events.notification.RecoveryCodeEmailRequested;

/**
 * Recovery codes: 10 random digits (typed from a mail on a new phone), kept only as an HMAC bound to their recovery,
 * and sealed to notification-service, which alone may read them to send the mail.
 */
public final class RecoveryCodes {

    /** The form the subscriber types: digits only, spaces and dashes ignored. */
    public static final String FORMAT = "[0-9]{10}";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final BoundCodes codes;
    private final String sealingKeyLocation;
    private final String sealingKeyId;
    private volatile PublicKey sealingKey;

    /**
     * @param macKey a key derived for this purpose only (never the root itself)
     * @param sealingKeyLocation notification-service's public key, read when the first code is sealed
     */
    public RecoveryCodes(byte[] macKey, String sealingKeyLocation, String sealingKeyId) {
        this.codes = new BoundCodes(macKey);
        this.sealingKeyLocation = sealingKeyLocation;
        this.sealingKeyId = sealingKeyId;
    }

    public String newCode() {
        StringBuilder code = new StringBuilder(10);
        for (int i = 0; i < 10; i++) {
            code.append(RANDOM.nextInt(10));
        }
        return code.toString();
    }

    /** What the subscriber typed, as a code, or null if it cannot be one. */
    public static String normalise(String typed) {
        if (typed == null || typed.length() > 32) {
            return null;
        }
        String digits = typed.replaceAll("[\\s-]", "");
        return digits.matches(FORMAT) ? digits : null;
    }

    /** The stored form, bound to the recovery so a hash copied to another row is useless. */
    public String hash(UUID recoveryId, String code) {
        return codes.hash(recoveryId, code);
    }

    public boolean matches(UUID recoveryId, String code, String storedHash) {
        return codes.matches(recoveryId, code, storedHash);
    }

    public SealedSecret seal(UUID recoveryId, String code) {
        PublicKey key = sealingKey;
        if (key == null) {
            key = Pem.rsaPublicKey(sealingKeyLocation);
            sealingKey = key;
        }
        return SecretSealing.seal(code.getBytes(StandardCharsets.US_ASCII),
                RecoveryCodeEmailRequested.codeContext(recoveryId), key, sealingKeyId);
    }
}
