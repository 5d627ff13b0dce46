package vn.kyso.commons.crypto.custody;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import org.bouncycastle.jce.provider.BouncyCastleProvider;

/**
 * Keys wrapped with AES-256-GCM; the wrapping key is HMAC-SHA256(master key, salt ‖ binding), so opening a key needs
 * the master key (configuration) and the key holder's binding (never stored).
 *
 * <p>Reference format: {@code sw1:<algorithm>:<base64(salt ‖ iv ‖ ciphertext+tag)>}; the algorithm and salt are
 * authenticated as associated data.
 */
public final class SoftwareKeyCustody implements KeyCustody {

    private static final String PREFIX = "sw1:";
    private static final int SALT = 16;
    private static final int IV = 12;
    private static final int TAG_BITS = 128;

    /**
     * The provider for EC work outside custody (ca-service's signature checks): on JDK 17 BouncyCastle was several
     * times faster at P-256 than SunEC (BENCHMARKS.md; JDK 25's SunEC signs faster than it, issue 22 re-measures the
     * checks). Custody's own EC keys sign through {@link EcSigner}; RSA stays with the JDK. Made on first use:
     * building it registers thousands of algorithms, ~0.3 s of a service's start.
     */
    public static Provider ecProvider() {
        return LazyProvider.INSTANCE;
    }

    private static final class LazyProvider {
        static final Provider INSTANCE = new BouncyCastleProvider();
    }

    private final byte[] masterKey;
    private final SecureRandom random = new SecureRandom();

    public SoftwareKeyCustody(byte[] masterKey) {
        if (masterKey == null || masterKey.length != 32) {
            throw new IllegalArgumentException("the custody master key must be 32 bytes (base64 of 32 random bytes)");
        }
        this.masterKey = masterKey.clone();
    }

    @Override
    public String backend() {
        return "software";
    }

    @Override
    public GeneratedKey generate(KeyAlgorithm algorithm, String label, byte[] binding) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance(algorithm.jcaName());
            generator.initialize(algorithm.parameters(), random);
            KeyPair pair = generator.generateKeyPair();
            byte[] pkcs8 = pair.getPrivate().getEncoded();
            try {
                return new GeneratedKey(wrap(algorithm, pkcs8, binding), pair.getPublic());
            } finally {
                Arrays.fill(pkcs8, (byte) 0);
            }
        } catch (GeneralSecurityException e) {
            throw new CustodyException("key generation failed for " + algorithm.wireName(), e);
        }
    }

    @Override
    public KeySigner open(String reference, byte[] binding) {
        Parsed parsed = parse(reference);
        byte[] pkcs8 = unwrap(parsed, binding);
        try {
            if (parsed.algorithm.jcaName().equals("EC")) {
                return EcSigner.open(pkcs8, random);
            }
            PrivateKey key = KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
            return (signatureAlgorithm, data) -> {
                try {
                    Signature signature = Signature.getInstance(signatureAlgorithm);
                    signature.initSign(key, random);
                    signature.update(data);
                    return signature.sign();
                } catch (GeneralSecurityException e) {
                    throw new CustodyException("signing with " + signatureAlgorithm + " failed", e);
                }
            };
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new CustodyException("the wrapped key is unreadable", e);
        } finally {
            Arrays.fill(pkcs8, (byte) 0);
        }
    }

    @Override
    public String rebind(String reference, byte[] oldBinding, byte[] newBinding) {
        Parsed parsed = parse(reference);
        byte[] pkcs8 = unwrap(parsed, oldBinding);
        try {
            return wrap(parsed.algorithm, pkcs8, newBinding);
        } finally {
            Arrays.fill(pkcs8, (byte) 0);
        }
    }

    @Override
    public void destroy(String reference) {
        parse(reference);
    }

    private String wrap(KeyAlgorithm algorithm, byte[] pkcs8, byte[] binding) {
        byte[] salt = new byte[SALT];
        byte[] iv = new byte[IV];
        random.nextBytes(salt);
        random.nextBytes(iv);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, wrappingKey(salt, binding), new GCMParameterSpec(TAG_BITS, iv));
            cipher.updateAAD(aad(algorithm, salt));
            byte[] sealed = cipher.doFinal(pkcs8);
            byte[] blob = ByteBuffer.allocate(SALT + IV + sealed.length).put(salt).put(iv).put(sealed).array();
            return PREFIX + algorithm.wireName() + ":" + Base64.getEncoder().encodeToString(blob);
        } catch (GeneralSecurityException e) {
            throw new CustodyException("key wrapping failed", e);
        }
    }

    private byte[] unwrap(Parsed parsed, byte[] binding) {
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, wrappingKey(parsed.salt, binding), new GCMParameterSpec(TAG_BITS, parsed.iv));
            cipher.updateAAD(aad(parsed.algorithm, parsed.salt));
            return cipher.doFinal(parsed.sealed);
        } catch (AEADBadTagException e) {
            throw CustodyException.wrongBinding();
        } catch (GeneralSecurityException e) {
            throw new CustodyException("key unwrapping failed", e);
        }
    }

    private SecretKeySpec wrappingKey(byte[] salt, byte[] binding) throws GeneralSecurityException {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(masterKey, "HmacSHA256"));
        mac.update("kyso/custody/v1".getBytes(StandardCharsets.US_ASCII));
        mac.update(salt);
        mac.update(binding == null ? new byte[0] : binding);
        return new SecretKeySpec(mac.doFinal(), "AES");
    }

    private static byte[] aad(KeyAlgorithm algorithm, byte[] salt) {
        byte[] name = (PREFIX + algorithm.wireName()).getBytes(StandardCharsets.US_ASCII);
        return ByteBuffer.allocate(name.length + salt.length).put(name).put(salt).array();
    }

    private static Parsed parse(String reference) {
        if (reference == null || !reference.startsWith(PREFIX)) {
            throw new CustodyException("not a software custody reference", null);
        }
        int colon = reference.indexOf(':', PREFIX.length());
        KeyAlgorithm algorithm = colon < 0 ? null
                : KeyAlgorithm.fromWireName(reference.substring(PREFIX.length(), colon)).orElse(null);
        byte[] blob;
        try {
            blob = colon < 0 ? new byte[0] : Base64.getDecoder().decode(reference.substring(colon + 1));
        } catch (IllegalArgumentException e) {
            blob = new byte[0];
        }
        if (algorithm == null || blob.length <= SALT + IV) {
            throw new CustodyException("malformed software custody reference", null);
        }
        return new Parsed(algorithm, Arrays.copyOfRange(blob, 0, SALT), Arrays.copyOfRange(blob, SALT, SALT + IV),
                Arrays.copyOfRange(blob, SALT + IV, blob.length));
    }

    private record Parsed(KeyAlgorithm algorithm, byte[] salt, byte[] iv, byte[] sealed) {
    }
}
