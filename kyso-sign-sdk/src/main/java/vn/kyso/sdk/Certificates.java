package vn.kyso.sdk;

import java.io.ByteArrayInputStream;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Base64;

/** Certificates as Kyso's protocols carry them (Base64 DER). */
final class Certificates {

    private Certificates() {
    }

    static X509Certificate fromBase64(String base64) {
        try {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(
                    new ByteArrayInputStream(Base64.getMimeDecoder().decode(base64)));
        } catch (CertificateException | IllegalArgumentException e) {
            throw new KysoException("Kyso sent a certificate that cannot be read", e);
        }
    }
}
