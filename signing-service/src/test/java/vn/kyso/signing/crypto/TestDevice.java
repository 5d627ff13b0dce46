package vn.kyso.signing.crypto;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Date;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;

/** A phone's device key for tests, plus a stand-in CA that certifies whatever key it is given. */
public final class TestDevice {

    private final KeyPair pair;

    public TestDevice() {
        this(generate("EC", new ECGenParameterSpec("secp256r1")));
    }

    public TestDevice(KeyPair pair) {
        this.pair = pair;
    }

    public static KeyPair generate(String algorithm, java.security.spec.AlgorithmParameterSpec spec) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance(algorithm);
            generator.initialize(spec);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public String publicKey() {
        return Base64.getEncoder().encodeToString(pair.getPublic().getEncoded());
    }

    /** What the device sends as {@code deviceSignature}. */
    public String sign(String challenge) {
        try {
            Signature signature = Signature.getInstance("SHA256withECDSA");
            signature.initSign(pair.getPrivate());
            signature.update(challenge.getBytes(StandardCharsets.US_ASCII));
            return Base64.getEncoder().encodeToString(signature.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The CSR's public key, after checking its proof of possession. */
    public static PublicKey csrKey(String csrBase64) throws Exception {
        PKCS10CertificationRequest csr = new PKCS10CertificationRequest(Base64.getDecoder().decode(csrBase64));
        var key = new org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequest(csr).getPublicKey();
        if (!csr.isSignatureValid(new JcaContentVerifierProviderBuilder().build(key))) {
            throw new IllegalStateException("CSR signature does not verify");
        }
        return key;
    }

    public static String csrSubject(String csrBase64) throws Exception {
        return new PKCS10CertificationRequest(Base64.getDecoder().decode(csrBase64)).getSubject().toString();
    }

    /** A certificate (base64 DER) for {@code key}, signed by a throw-away CA. */
    public static String certificateFor(PublicKey key, BigInteger serial) throws Exception {
        return certificateFor(key, serial, new X500Name("CN=Test Subscriber"));
    }

    public static String certificateFor(PublicKey key, BigInteger serial, X500Name subject) throws Exception {
        KeyPair ca = generate("EC", new ECGenParameterSpec("secp256r1"));
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        var builder = new JcaX509v3CertificateBuilder(new X500Name("CN=Test CA"), serial, Date.from(now),
                Date.from(now.plus(365, ChronoUnit.DAYS)), subject, key);
        return Base64.getEncoder().encodeToString(builder.build(new JcaContentSignerBuilder("SHA256withECDSA")
                .build(ca.getPrivate())).getEncoded());
    }
}
