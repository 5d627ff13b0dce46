package vn.kyso.ca.crypto;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequestBuilder;

/** Certification requests for tests, honest ones and broken ones. */
public final class TestCsrs {

    private TestCsrs() {
    }

    public static KeyPair rsa(int bits) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(bits);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public static KeyPair ec(String curve) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec(curve));
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A CSR for {@code subject}'s key signed by {@code signer}'s private key (the same pair for an honest one). */
    public static byte[] csr(String subject, KeyPair subjectKey, KeyPair signer) {
        try {
            String algorithm = signer.getPrivate().getAlgorithm().equals("RSA") ? "SHA256withRSA" : "SHA256withECDSA";
            return new PKCS10CertificationRequestBuilder(new X500Name(subject),
                    SubjectPublicKeyInfo.getInstance(subjectKey.getPublic().getEncoded()))
                    .build(new JcaContentSignerBuilder(algorithm).build(signer.getPrivate())).getEncoded();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public static byte[] csr(String subject, KeyPair key) {
        return csr(subject, key, key);
    }
}
