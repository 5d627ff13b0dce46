package vn.kyso.sdk;

import java.security.cert.X509Certificate;
import java.util.List;

/**
 * A subscriber's key at Kyso, reached over one of its integrator protocols: only a digest leaves the integrator, and
 * the signature comes back once the subscriber approves (PIN + passkey in the Kyso app or portal).
 */
public interface RemoteSigner {

    /** The subscriber's certificate first, then its issuing CA and root. */
    List<X509Certificate> certificateChain();

    /**
     * The signature over a digest, as {@code SHA256withRSA} / {@code SHA256withECDSA} over the data would give it
     * (RSA: PKCS#1 v1.5 over the DigestInfo; EC: DER ECDSA); blocks until the subscriber decides.
     *
     * @param digestAlgorithm {@code SHA-256}, {@code SHA-384} or {@code SHA-512}
     * @param label what the subscriber is shown
     * @throws KysoException when the subscriber refuses, the request expires or Kyso answers an error
     */
    byte[] sign(String digestAlgorithm, byte[] digest, String label);
}
