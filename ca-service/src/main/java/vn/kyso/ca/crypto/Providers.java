package vn.kyso.ca.crypto;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.Provider;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;

import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.crypto.util.PublicKeyFactory;
import org.bouncycastle.operator.ContentVerifierProvider;
import org.bouncycastle.operator.DefaultDigestAlgorithmIdentifierFinder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.bc.BcECContentVerifierProviderBuilder;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;

import vn.kyso.commons.crypto.custody.SoftwareKeyCustody;

/**
 * Which JCA provider checks signatures: BouncyCastle for EC (on JDK 17 it verified P-256 several times faster than
 * SunEC; issue 22 re-measures on JDK 25), the JDK for RSA (its intrinsics beat BouncyCastle's BigInteger arithmetic).
 * Measured in BENCHMARKS.md.
 */
final class Providers {

    /** The same instance custody's callers use: one BouncyCastle provider per service, made on first use. */
    static final Provider FAST_EC = SoftwareKeyCustody.ecProvider();

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

    /**
     * A verifier for a key seen once (a CSR's). EC goes through BouncyCastle's lightweight API, whose key parameters
     * share the named curve's generator and its precomputed multiples; a JCA key object per request re-derived the
     * curve each time and checked at a third of the speed (BENCHMARKS.md, issuance). Decoding the key checks that its
     * point is on the curve.
     */
    static ContentVerifierProvider verifierFor(PublicKey key) throws OperatorCreationException {
        try {
            return isEc(key)
                    ? new BcECContentVerifierProviderBuilder(new DefaultDigestAlgorithmIdentifierFinder())
                            .build(PublicKeyFactory.createKey(SubjectPublicKeyInfo.getInstance(key.getEncoded())))
                    : new JcaContentVerifierProviderBuilder().build(key);
        } catch (java.io.IOException | IllegalArgumentException e) {
            throw new OperatorCreationException("unusable public key", e);
        }
    }
}
