package vn.kyso.signing.crypto;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/**
 * One memory-hard Argon2id derivation of the PIN gives two independent halves: a verifier (stored only after a keyed
 * hash with the server's pepper) and the binding that opens the credential's key in custody (never stored). Whoever
 * holds the database and the custody master key must still pay one Argon2id per PIN guess.
 */
public final class PinKeys {

    private static final int SALT_BYTES = 16;

    private final byte[] pepper;
    private final int memoryKb;
    private final int iterations;
    private final SecureRandom random = new SecureRandom();

    public PinKeys(byte[] pepper, int memoryKb, int iterations) {
        this.pepper = pepper.clone();
        this.memoryKb = memoryKb;
        this.iterations = iterations;
    }

    /** What a PIN derives to. */
    public record Derived(byte[] verifier, byte[] binding) {
    }

    public byte[] newSalt() {
        byte[] salt = new byte[SALT_BYTES];
        random.nextBytes(salt);
        return salt;
    }

    public Derived derive(String pin, byte[] salt) {
        byte[] out = new byte[64];
        Argon2BytesGenerator generator = new Argon2BytesGenerator();
        generator.init(new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
                .withVersion(Argon2Parameters.ARGON2_VERSION_13)
                .withSalt(salt)
                .withMemoryAsKB(memoryKb)
                .withIterations(iterations)
                .withParallelism(1)
                .build());
        generator.generateBytes(pin.getBytes(StandardCharsets.US_ASCII), out);
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(pepper, "HmacSHA256"));
            byte[] verifier = mac.doFinal(Arrays.copyOfRange(out, 0, 32));
            return new Derived(verifier, Arrays.copyOfRange(out, 32, 64));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        } finally {
            Arrays.fill(out, (byte) 0);
        }
    }

    /** Constant-time. */
    public static boolean matches(byte[] stored, byte[] candidate) {
        return stored != null && MessageDigest.isEqual(stored, candidate);
    }
}
