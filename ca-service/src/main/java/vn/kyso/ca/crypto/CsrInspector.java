package vn.kyso.ca.crypto;

import java.io.IOException;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;

import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.sec.SECObjectIdentifiers;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x500.style.IETFUtils;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.pkcs.PKCSException;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequest;

/** Reads a PKCS#10 request: its public key, the key's type and size, its common name and its proof of possession. */
public final class CsrInspector {

    private CsrInspector() {
    }

    /**
     * @param keyType {@code RSA-<bits>}, {@code EC-P256}, {@code EC-P384}, or {@code <family>-<bits>} for other keys
     * @param commonName the CSR's CN, or null when it has none
     * @param proofOfPossession whether the request is signed by the private half of its key
     */
    public record InspectedCsr(PublicKey publicKey, String keyType, int keyBits, String commonName,
            boolean proofOfPossession) {
    }

    /** @throws IllegalArgumentException when the bytes are not a PKCS#10 request with a usable key */
    public static InspectedCsr inspect(byte[] der) {
        JcaPKCS10CertificationRequest csr;
        PublicKey key;
        try {
            csr = new JcaPKCS10CertificationRequest(der);
            key = csr.getPublicKey();
        } catch (IOException | RuntimeException | java.security.GeneralSecurityException e) {
            throw new IllegalArgumentException("not a DER-encoded PKCS#10 certification request");
        }
        boolean pop;
        try {
            pop = csr.isSignatureValid(Providers.verifierFor(key));
        } catch (PKCSException | org.bouncycastle.operator.OperatorCreationException | RuntimeException e) {
            pop = false;
        }
        RDN[] cn = csr.getSubject().getRDNs(BCStyle.CN);
        String commonName = cn.length == 0 ? null : IETFUtils.valueToString(cn[0].getFirst().getValue());
        return new InspectedCsr(key, keyType(key), bits(key), commonName, pop);
    }

    private static String keyType(PublicKey key) {
        if (key instanceof RSAPublicKey rsa) {
            return "RSA-" + rsa.getModulus().bitLength();
        }
        if (key instanceof ECPublicKey) {
            SubjectPublicKeyInfo info = SubjectPublicKeyInfo.getInstance(key.getEncoded());
            if (info.getAlgorithm().getParameters() instanceof ASN1ObjectIdentifier curve) {
                if (curve.equals(SECObjectIdentifiers.secp256r1)) {
                    return "EC-P256";
                }
                if (curve.equals(SECObjectIdentifiers.secp384r1)) {
                    return "EC-P384";
                }
            }
            return "EC-" + bits(key);
        }
        return key.getAlgorithm() + "-" + bits(key);
    }

    private static int bits(PublicKey key) {
        if (key instanceof RSAPublicKey rsa) {
            return rsa.getModulus().bitLength();
        }
        if (key instanceof ECPublicKey ec) {
            return ec.getParams().getCurve().getField().getFieldSize();
        }
        return 0;
    }
}
