package vn.kyso.ca.issuance;

import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Locale;

/** Certificate and token serial numbers: 127 random bits, always positive and 16 bytes long (RFC 5280 allows 20). */
public final class Serials {

    private Serials() {
    }

    public static BigInteger next(SecureRandom random) {
        return new BigInteger(127, random).setBit(126);
    }

    /** Upper-case hexadecimal without leading zeros, the form used in APIs and events. */
    public static String hex(BigInteger serial) {
        return serial.toString(16).toUpperCase(Locale.ROOT);
    }

    /** @return null when the text is not a positive hexadecimal serial of at most 20 bytes */
    public static BigInteger parse(String hex) {
        if (hex == null || hex.isEmpty() || hex.length() > 40 || !hex.matches("[0-9A-Fa-f]+")) {
            return null;
        }
        BigInteger value = new BigInteger(hex, 16);
        return value.signum() > 0 ? value : null;
    }

    static String sha256Hex(byte[] data) {
        try {
            return HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(data));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
