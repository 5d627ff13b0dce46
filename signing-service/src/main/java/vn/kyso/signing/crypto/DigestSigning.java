package vn.kyso.signing.crypto;

import java.io.IOException;
import java.io.UncheckedIOException;

import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.DigestInfo;

import vn.kyso.commons.crypto.custody.KeySigner;

/**
 * Signs a caller-computed SHA-256 digest inside custody: RSA PKCS#1 v1.5 over the DigestInfo (what SHA256withRSA would
 * have produced over the document), or ECDSA over the digest (DER signature).
 */
public final class DigestSigning {

    private DigestSigning() {
    }

    public static byte[] sign(KeySigner key, String keyAlgorithm, byte[] sha256) {
        if (keyAlgorithm.startsWith("RSA")) {
            try {
                byte[] digestInfo = new DigestInfo(new AlgorithmIdentifier(NISTObjectIdentifiers.id_sha256,
                        DERNull.INSTANCE), sha256).getEncoded();
                return key.sign("NONEwithRSA", digestInfo);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return key.sign("NONEwithECDSA", sha256);
    }
}
