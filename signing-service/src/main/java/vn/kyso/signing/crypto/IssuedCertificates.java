package vn.kyso.signing.crypto;

import java.io.ByteArrayInputStream;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

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

    /** The signer's certificate then whichever CA certificates are known, for a CMS certificate set. */
    public static List<X509Certificate> chain(byte[]... ders) {
        List<X509Certificate> chain = new ArrayList<>();
        for (byte[] der : ders) {
            if (der != null) {
                chain.add(parse(der).orElseThrow(() -> new IllegalStateException("a stored certificate is unreadable")));
            }
        }
        return chain;
    }
}
