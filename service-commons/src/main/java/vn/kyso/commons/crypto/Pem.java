package vn.kyso.commons.crypto;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;

/** Reads keys from PEM files (PKCS#8 private, X.509 SubjectPublicKeyInfo public), as Kubernetes Secrets mount them. */
public final class Pem {

    private Pem() {
    }

    /** @param location a path or a {@code file:} URL */
    public static PublicKey rsaPublicKey(String location) {
        try {
            return KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(der(location, "PUBLIC KEY")));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("not an RSA public key: " + location, e);
        }
    }

    /** @param location a path or a {@code file:} URL */
    public static PrivateKey rsaPrivateKey(String location) {
        try {
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der(location, "PRIVATE KEY")));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("not a PKCS#8 RSA private key: " + location, e);
        }
    }

    /** The DER of a PKCS#8 private key of any algorithm, for a caller with its own key factory. */
    public static byte[] pkcs8(String location) {
        return der(location, "PRIVATE KEY");
    }

    /** PEM text for DER bytes, 64-character lines, e.g. label {@code CERTIFICATE}. */
    public static String encode(String label, byte[] der) {
        return "-----BEGIN " + label + "-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
                + "\n-----END " + label + "-----\n";
    }

    private static byte[] der(String location, String label) {
        Path path = location.startsWith("file:") ? Path.of(URI.create(location)) : Path.of(location);
        try {
            String pem = Files.readString(path, StandardCharsets.US_ASCII);
            String begin = "-----BEGIN " + label + "-----";
            String end = "-----END " + label + "-----";
            int from = pem.indexOf(begin);
            int to = pem.indexOf(end);
            if (from < 0 || to < from) {
                throw new IllegalArgumentException(path + " holds no " + label + " block");
            }
            return Base64.getMimeDecoder().decode(pem.substring(from + begin.length(), to));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read key file " + path, e);
        }
    }
}
