package vn.kyso.commons.crypto;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.spec.MGF1ParameterSpec;
import java.util.Base64;

import javax.crypto.Cipher;
import javax.crypto.KeyGenerator;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.OAEPParameterSpec;
import javax.crypto.spec.PSource;
import javax.crypto.spec.SecretKeySpec;

import vn.kyso.events.SealedSecret;

/**
 * Hybrid public-key encryption of small secrets for one recipient: a fresh AES-256-GCM key per secret, wrapped with
 * RSA-OAEP (SHA-256). The associated data binds a sealed value to its context, so it cannot be replayed elsewhere.
 */
public final class SecretSealing {

    private static final String WRAP = "RSA/ECB/OAEPPadding";
    private static final OAEPParameterSpec OAEP = new OAEPParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256,
            PSource.PSpecified.DEFAULT);
    private static final String AEAD = "AES/GCM/NoPadding";
    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder B64 = Base64.getEncoder();
    private static final Base64.Decoder B64D = Base64.getDecoder();

    private SecretSealing() {
    }

    public static SealedSecret seal(byte[] secret, byte[] associatedData, PublicKey recipient, String kid) {
        try {
            KeyGenerator generator = KeyGenerator.getInstance("AES");
            generator.init(256, RANDOM);
            SecretKey contentKey = generator.generateKey();
            byte[] iv = new byte[IV_BYTES];
            RANDOM.nextBytes(iv);
            Cipher aead = Cipher.getInstance(AEAD);
            aead.init(Cipher.ENCRYPT_MODE, contentKey, new GCMParameterSpec(TAG_BITS, iv));
            aead.updateAAD(aad(kid, associatedData));
            byte[] ciphertext = aead.doFinal(secret);
            Cipher wrap = Cipher.getInstance(WRAP);
            wrap.init(Cipher.ENCRYPT_MODE, recipient, OAEP);
            byte[] wrapped = wrap.doFinal(contentKey.getEncoded());
            return new SealedSecret(SealedSecret.ALG, kid, B64.encodeToString(wrapped), B64.encodeToString(iv),
                    B64.encodeToString(ciphertext));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("sealing failed", e);
        }
    }

    /** Opens a sealed secret; throws {@link SealingException} if it was altered, or sealed for another key or context. */
    public static byte[] open(SealedSecret sealed, byte[] associatedData, PrivateKey recipient) {
        if (sealed == null || !SealedSecret.ALG.equals(sealed.alg())) {
            throw new SealingException("unsupported sealing algorithm");
        }
        try {
            Cipher unwrap = Cipher.getInstance(WRAP);
            unwrap.init(Cipher.DECRYPT_MODE, recipient, OAEP);
            byte[] keyBytes = unwrap.doFinal(B64D.decode(sealed.encryptedKey()));
            Cipher aead = Cipher.getInstance(AEAD);
            aead.init(Cipher.DECRYPT_MODE, new SecretKeySpec(keyBytes, "AES"),
                    new GCMParameterSpec(TAG_BITS, B64D.decode(sealed.iv())));
            aead.updateAAD(aad(sealed.kid(), associatedData));
            return aead.doFinal(B64D.decode(sealed.ciphertext()));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new SealingException("sealed secret cannot be opened: " + e.getClass().getSimpleName());
        }
    }

    // The key id is authenticated too, so a value cannot be relabelled for another key.
    private static byte[] aad(String kid, byte[] associatedData) {
        byte[] k = kid.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        return ByteBuffer.allocate(4 + k.length + associatedData.length).putInt(k.length).put(k).put(associatedData)
                .array();
    }

    /** A sealed value that is not authentic for this key and context. */
    public static final class SealingException extends RuntimeException {

        public SealingException(String message) {
            super(message);
        }
    }
}
