package vn.kyso.signing.crypto;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Seals small secrets (TOTP seeds, delegated custody bindings) with AES-256-GCM under keys derived per purpose from one
 * root (HMAC-SHA256(root, purpose)); the associated data ties a sealed value to its credential.
 */
public final class SealedSecrets {

    private static final int NONCE = 12;
    private final Root root;
    private final byte[] legacyRoot;
    private final Map<String, SecretKey> keys = new ConcurrentHashMap<>();
    private final SecureRandom random = new SecureRandom();

    /** The root key: HMAC-SHA256 under it, computed where it lives (in memory, or inside the HSM). */
    @FunctionalInterface
    public interface Root {

        byte[] hmac(byte[] data);

        /** A root held in memory. */
        static Root of(byte[] key) {
            byte[] copy = key.clone();
            return data -> SealedSecrets.hmac(copy, data);
        }
    }

    /** Seals under {@code root}; opens what {@code legacyRoot} sealed before it (null: nothing older). */
    public SealedSecrets(Root root, byte[] legacyRoot) {
        this.root = root;
        this.legacyRoot = legacyRoot == null ? null : legacyRoot.clone();
    }

    public SealedSecrets(byte[] root, byte[] legacyRoot) {
        this(Root.of(root), legacyRoot);
    }

    public SealedSecrets(byte[] root) {
        this(root, null);
    }

    public byte[] seal(String purpose, byte[] secret, String context) {
        try {
            byte[] nonce = new byte[NONCE];
            random.nextBytes(nonce);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key(purpose), new GCMParameterSpec(128, nonce));
            cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(secret);
            return ByteBuffer.allocate(NONCE + sealed.length).put(nonce).put(sealed).array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public byte[] open(String purpose, byte[] sealed, String context) {
        try {
            return open(key(purpose), sealed, context);
        } catch (GeneralSecurityException e) {
            if (legacyRoot != null) {
                try {
                    return open(derive(Root.of(legacyRoot), purpose), sealed, context);
                } catch (GeneralSecurityException ignored) {
                    // Reported below as the current key's failure.
                }
            }
            throw new IllegalStateException("a sealed secret does not open: wrong key or altered", e);
        }
    }

    private static byte[] open(SecretKey key, byte[] sealed, String context) throws GeneralSecurityException {
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(128, sealed, 0, NONCE));
        cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
        return cipher.doFinal(sealed, NONCE, sealed.length - NONCE);
    }

    /** A per-purpose key for other uses (the SAD's HMAC, the webhook signing key's seed). */
    public SecretKey key(String purpose) {
        // Derived once per purpose: with the root in an HSM, one token call per purpose and process.
        return keys.computeIfAbsent(purpose, p -> derive(root, p));
    }

    private static SecretKey derive(Root root, String purpose) {
        return new SecretKeySpec(root.hmac(("kyso.signing." + purpose).getBytes(StandardCharsets.UTF_8)), "AES");
    }

    private static byte[] hmac(byte[] key, byte[] data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
