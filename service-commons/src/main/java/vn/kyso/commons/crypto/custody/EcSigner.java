package vn.kyso.commons.crypto.custody;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Map;

import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.sec.ECPrivateKey;
import org.bouncycastle.asn1.sec.SECObjectIdentifiers;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.params.ParametersWithRandom;
import org.bouncycastle.crypto.signers.ECDSASigner;
import org.bouncycastle.crypto.signers.StandardDSAEncoding;

/**
 * ECDSA for software custody with BouncyCastle's lightweight API over domain parameters built once per curve.
 *
 * <p>Custody opens the key for every signing call. Through JCA each opening made a new key object whose curve
 * parameters BouncyCastle re-derived and re-validated, and whose generator lost its precomputed multiples: opening
 * cost three signatures (BENCHMARKS.md, in-process baselines). Here the scalar is read from the PKCS#8 and paired with
 * shared parameters, so the generator's precomputation is reused across keys.
 */
final class EcSigner implements KeySigner {

    private static final Map<ASN1ObjectIdentifier, ECDomainParameters> CURVES = Map.of(
            SECObjectIdentifiers.secp256r1, domain("secp256r1"),
            SECObjectIdentifiers.secp384r1, domain("secp384r1"));
    private static final Map<String, String> DIGESTS = Map.of("SHA256withECDSA", "SHA-256", "SHA384withECDSA",
            "SHA-384", "SHA512withECDSA", "SHA-512");

    private final ECPrivateKeyParameters key;
    private final SecureRandom random;

    private EcSigner(ECPrivateKeyParameters key, SecureRandom random) {
        this.key = key;
        this.random = random;
    }

    static EcSigner open(byte[] pkcs8, SecureRandom random) {
        try {
            PrivateKeyInfo info = PrivateKeyInfo.getInstance(pkcs8);
            ASN1ObjectIdentifier curve = ASN1ObjectIdentifier.getInstance(info.getPrivateKeyAlgorithm().getParameters());
            ECDomainParameters domain = CURVES.get(curve);
            if (domain == null) {
                throw new CustodyException("unsupported EC curve " + curve, null);
            }
            BigInteger d = ECPrivateKey.getInstance(info.parsePrivateKey()).getKey();
            return new EcSigner(new ECPrivateKeyParameters(d, domain), random);
        } catch (java.io.IOException | IllegalArgumentException | ClassCastException e) {
            throw new CustodyException("the wrapped key is unreadable", e);
        }
    }

    @Override
    public byte[] sign(String signatureAlgorithm, byte[] data) {
        byte[] digest;
        if ("NONEwithECDSA".equals(signatureAlgorithm)) {
            digest = data;
        } else if (DIGESTS.containsKey(signatureAlgorithm)) {
            try {
                digest = MessageDigest.getInstance(DIGESTS.get(signatureAlgorithm)).digest(data);
            } catch (GeneralSecurityException e) {
                throw new CustodyException("signing with " + signatureAlgorithm + " failed", e);
            }
        } else {
            throw new CustodyException("signing with " + signatureAlgorithm + " failed: not an ECDSA algorithm", null);
        }
        ECDSASigner signer = new ECDSASigner();
        signer.init(true, new ParametersWithRandom(key, random));
        BigInteger[] rs = signer.generateSignature(digest);
        try {
            return StandardDSAEncoding.INSTANCE.encode(key.getParameters().getN(), rs[0], rs[1]);
        } catch (java.io.IOException e) {
            throw new CustodyException("signing with " + signatureAlgorithm + " failed", e);
        }
    }

    private static ECDomainParameters domain(String name) {
        X9ECParameters curve = CustomNamedCurves.getByName(name);
        return new ECDomainParameters(curve.getCurve(), curve.getG(), curve.getN(), curve.getH(), curve.getSeed());
    }
}
