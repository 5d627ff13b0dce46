package vn.kyso.signing.crypto;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256 as the services keep it: of documents, and (hex) of random secrets such as SP secrets and SADs. */
public final class Digests {

    private Digests() {
    }

    public static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The digest of {@code data} with a JCA algorithm ({@code SHA-256}, {@code SHA-384}, {@code SHA-512}). */
    public static byte[] digest(String algorithm, byte[] data) {
        try {
            return MessageDigest.getInstance(algorithm).digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalArgumentException("unknown digest algorithm " + algorithm, e);
        }
    }

    /** The length in bytes of the algorithm's digests. */
    public static int length(String algorithm) {
        try {
            return MessageDigest.getInstance(algorithm).getDigestLength();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalArgumentException("unknown digest algorithm " + algorithm, e);
        }
    }

    /** Hex SHA-256 of a text: enough for values that are random (a fast hash cannot be reversed on them). */
    public static String sha256Hex(String value) {
        return HexFormat.of().formatHex(sha256(value.getBytes(StandardCharsets.UTF_8)));
    }
}
