package vn.kyso.signing.crypto;

import java.io.IOException;
import java.io.UncheckedIOException;

import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.DigestInfo;

import vn.kyso.commons.crypto.custody.KeySigner;

/**
 * Signs a caller-computed digest inside custody: RSA PKCS#1 v1.5 over the DigestInfo (what SHA256withRSA would have
 * produced over the document), or ECDSA over the digest (DER signature).
 */
public final class DigestSigning {

    private DigestSigning() {
    }

    public static byte[] sign(KeySigner key, String keyAlgorithm, byte[] sha256) {
        return sign(key, keyAlgorithm, "SHA-256", sha256);
    }

    /** @param hashAlgorithm {@code SHA-256}, {@code SHA-384} or {@code SHA-512}: the DigestInfo's algorithm for RSA */
    public static byte[] sign(KeySigner key, String keyAlgorithm, String hashAlgorithm, byte[] digest) {
        if (keyAlgorithm.startsWith("RSA")) {
            try {
                byte[] digestInfo = new DigestInfo(new AlgorithmIdentifier(oid(hashAlgorithm), DERNull.INSTANCE),
                        digest).getEncoded();
                return key.sign("NONEwithRSA", digestInfo);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return key.sign("NONEwithECDSA", digest);
    }

    private static org.bouncycastle.asn1.ASN1ObjectIdentifier oid(String hashAlgorithm) {
        return switch (hashAlgorithm) {
            case "SHA-256" -> NISTObjectIdentifiers.id_sha256;
            case "SHA-384" -> NISTObjectIdentifiers.id_sha384;
            case "SHA-512" -> NISTObjectIdentifiers.id_sha512;
            default -> throw new IllegalArgumentException("unsupported digest algorithm " + hashAlgorithm);
        };
    }
}
