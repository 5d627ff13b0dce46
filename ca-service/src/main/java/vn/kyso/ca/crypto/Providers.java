package vn.kyso.ca.crypto;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.Provider;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;

import org.bouncycastle.operator.ContentVerifierProvider;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;

import vn.kyso.commons.crypto.custody.SoftwareKeyCustody;

/**
 * Which JCA provider checks signatures: BouncyCastle for EC (on JDK 17 it verifies P-256 several times faster than
 * SunEC), the JDK for RSA (its intrinsics beat BouncyCastle's BigInteger arithmetic). Measured in BENCHMARKS.md.
 */
final class Providers {

    /** The same instance custody signs with: one BouncyCastle provider per service. */
    static final Provider FAST_EC = SoftwareKeyCustody.EC_PROVIDER;

    private Providers() {
    }

    /** The CA's own keys, converted once so BouncyCastle keeps its precomputation for them between checks. */
    private static final java.util.Map<PublicKey, PublicKey> CA_KEYS = new java.util.concurrent.ConcurrentHashMap<>();

    static PublicKey ownCached(PublicKey caKey) throws GeneralSecurityException {
        PublicKey cached = CA_KEYS.get(caKey);
        if (cached == null) {
            cached = own(caKey);
            if (CA_KEYS.size() < 16) {
                CA_KEYS.put(caKey, cached);
            }
        }
        return cached;
    }

    static boolean isEc(PublicKey key) {
        return "EC".equals(key.getAlgorithm()) || "ECDSA".equals(key.getAlgorithm());
    }

    /** The key as BouncyCastle's own object (from its encoding): given a JDK EC key it re-validates the curve each time. */
    static PublicKey own(PublicKey key) throws GeneralSecurityException {
        return KeyFactory.getInstance("EC", FAST_EC).generatePublic(new X509EncodedKeySpec(key.getEncoded()));
    }

    static ContentVerifierProvider verifierFor(PublicKey key) throws OperatorCreationException {
        try {
            return isEc(key) ? new JcaContentVerifierProviderBuilder().setProvider(FAST_EC).build(own(key))
                    : new JcaContentVerifierProviderBuilder().build(key);
        } catch (GeneralSecurityException e) {
            throw new OperatorCreationException("unusable public key", e);
        }
    }
}
