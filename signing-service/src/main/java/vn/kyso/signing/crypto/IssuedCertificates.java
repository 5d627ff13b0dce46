package vn.kyso.signing.crypto;

import java.io.ByteArrayInputStream;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Reads a certificate ca-service announced and checks it certifies the credential's own key. */
public final class IssuedCertificates {

    private IssuedCertificates() {
    }

    public static Optional<X509Certificate> parse(byte[] der) {
        try {
            return Optional.of((X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(der)));
        } catch (GeneralSecurityException | RuntimeException e) {
            return Optional.empty();
        }
    }

    public static boolean certifiesKey(X509Certificate certificate, byte[] publicKeySpki) {
        return Arrays.equals(certificate.getPublicKey().getEncoded(), publicKeySpki);
    }

    /**
     * The signer's certificate then whichever CA certificates are known, for a CMS certificate set. The same stored
     * certificate is the same object each time: the JDK keeps a certificate's last signature check, so the issuing CA's
     * signature (P-384, a few ms in pure Java) is checked once, not on every document signed.
     */
    public static List<X509Certificate> chain(byte[]... ders) {
        List<X509Certificate> chain = new ArrayList<>();
        for (byte[] der : ders) {
            if (der != null) {
                if (PARSED.size() >= MAX_PARSED) {
                    PARSED.clear(); // crude, and rare: a replica signs for fewer subscribers than this at once
                }
                chain.add(PARSED.computeIfAbsent(ByteBuffer.wrap(der.clone()), key -> parse(der).orElseThrow(
                        () -> new IllegalStateException("a stored certificate is unreadable"))));
            }
        }
        return chain;
    }

    private static final int MAX_PARSED = 10_000;
    private static final Map<ByteBuffer, X509Certificate> PARSED = new ConcurrentHashMap<>();
}
