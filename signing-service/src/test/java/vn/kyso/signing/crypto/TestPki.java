package vn.kyso.signing.crypto;

import java.io.StringWriter;
import java.math.BigInteger;
import java.security.KeyPair;
import java.security.PublicKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.CRLDistPoint;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.asn1.x509.DistributionPoint;
import org.bouncycastle.asn1.x509.DistributionPointName;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.DefaultDigestAlgorithmIdentifierFinder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.bouncycastle.cms.jcajce.JcaSignerInfoGeneratorBuilder;
import org.bouncycastle.tsp.TimeStampRequestGenerator;
import org.bouncycastle.tsp.TimeStampResponseGenerator;
import org.bouncycastle.tsp.TimeStampTokenGenerator;
import org.bouncycastle.tsp.TSPAlgorithms;

import vn.kyso.sdk.crypto.Ades;
import vn.kyso.sdk.crypto.Fetcher;
import vn.kyso.sdk.crypto.TimeStamps;
import vn.kyso.commons.crypto.custody.KeySigner;

/**
 * A small CA for document tests: a root (the trust anchor) publishing a CRL, subscriber certificates and a TSA under
 * it, an in-process RFC 3161 time-stamper, and a {@link Fetcher} that can be stopped like a responder going down.
 */
public final class TestPki {

    static final String CRL_URL = "http://pki.kyso.test/root.crl";

    final KeyPair rootKey;
    public final X509Certificate root;
    final KeyPair tsaKey;
    final X509Certificate tsa;
    final AtomicBoolean online = new AtomicBoolean(true);
    final AtomicInteger fetches = new AtomicInteger();
    private final Map<BigInteger, Instant> revoked = new ConcurrentHashMap<>();
    private final AtomicLong serials = new AtomicLong(100);
    private final TimeStampResponseGenerator stamper;

    public TestPki() throws Exception {
        rootKey = TestDevice.generate("EC", new ECGenParameterSpec("secp256r1"));
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        X500Name rootName = new X500Name("C=VN,O=Kyso Test,CN=Kyso Test Root");
        var ext = new JcaX509ExtensionUtils();
        root = convert(new JcaX509v3CertificateBuilder(rootName, BigInteger.ONE, Date.from(now.minus(2,
                ChronoUnit.DAYS)), Date.from(now.plus(3650, ChronoUnit.DAYS)), rootName, rootKey.getPublic())
                .addExtension(Extension.basicConstraints, true, new BasicConstraints(true))
                .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign))
                .addExtension(Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(
                        rootKey.getPublic()))
                .build(new JcaContentSignerBuilder("SHA256withECDSA").build(rootKey.getPrivate())));
        tsaKey = TestDevice.generate("EC", new ECGenParameterSpec("secp256r1"));
        tsa = issue(tsaKey.getPublic(), "C=VN,O=Kyso Test,CN=Kyso Test TSA", true);
        TimeStampTokenGenerator tokens = new TimeStampTokenGenerator(new JcaSignerInfoGeneratorBuilder(
                new JcaDigestCalculatorProviderBuilder().build()).build(new JcaContentSignerBuilder("SHA256withECDSA")
                .build(tsaKey.getPrivate()), tsa), new JcaDigestCalculatorProviderBuilder().build()
                .get(new DefaultDigestAlgorithmIdentifierFinder().find("SHA-256")),
                new ASN1ObjectIdentifier("1.3.6.1.4.1.99999.1"));
        tokens.addCertificates(new JcaCertStore(List.of(tsa, root)));
        stamper = new TimeStampResponseGenerator(tokens, TSPAlgorithms.ALLOWED);
    }

    /** A certificate under the root naming the root's CRL; {@code tsa}: the critical timeStamping EKU. */
    X509Certificate issue(PublicKey key, String subject, boolean tsa) throws Exception {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        var ext = new JcaX509ExtensionUtils();
        var builder = new JcaX509v3CertificateBuilder(root, BigInteger.valueOf(serials.incrementAndGet()),
                Date.from(now.minus(1, ChronoUnit.DAYS)), Date.from(now.plus(365, ChronoUnit.DAYS)),
                new X500Name(subject), key)
                .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature
                        | KeyUsage.nonRepudiation))
                .addExtension(Extension.authorityKeyIdentifier, false, ext.createAuthorityKeyIdentifier(root))
                .addExtension(Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(key))
                .addExtension(Extension.cRLDistributionPoints, false, new CRLDistPoint(new DistributionPoint[] {
                    new DistributionPoint(new DistributionPointName(new GeneralNames(new GeneralName(
                            GeneralName.uniformResourceIdentifier, CRL_URL))), null, null)}));
        if (tsa) {
            builder.addExtension(Extension.extendedKeyUsage, true, new ExtendedKeyUsage(
                    KeyPurposeId.id_kp_timeStamping));
        }
        return convert(builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(rootKey.getPrivate())));
    }

    void revoke(X509Certificate certificate, Instant when) {
        revoked.put(certificate.getSerialNumber(), when);
    }

    byte[] crl() {
        try {
            Instant now = Instant.now();
            X509v2CRLBuilder builder = new X509v2CRLBuilder(X500Name.getInstance(root.getSubjectX500Principal().getEncoded()),
                    Date.from(now.minus(1, ChronoUnit.MINUTES)));
            builder.setNextUpdate(Date.from(now.plus(1, ChronoUnit.HOURS)));
            revoked.forEach((serial, when) -> builder.addCRLEntry(serial, Date.from(when), CRLReason.keyCompromise));
            builder.addExtension(Extension.authorityKeyIdentifier, false,
                    new JcaX509ExtensionUtils().createAuthorityKeyIdentifier(root));
            return builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(rootKey.getPrivate()))
                    .getEncoded();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    TimeStamps timeStamps() {
        return (hashOid, imprint) -> {
            try {
                var request = new TimeStampRequestGenerator();
                request.setCertReq(true);
                return Optional.of(stamper.generate(request.generate(new ASN1ObjectIdentifier(hashOid), imprint,
                        BigInteger.valueOf(System.nanoTime())), BigInteger.valueOf(System.nanoTime()), new Date())
                        .getTimeStampToken().getEncoded());
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        };
    }

    /** The CRL while online; nothing once stopped (as when Kyso's OCSP and CRL endpoints are down). */
    Fetcher fetcher() {
        return new Fetcher() {
            @Override
            public Optional<byte[]> get(String url) {
                fetches.incrementAndGet();
                return online.get() && CRL_URL.equals(url) ? Optional.of(crl()) : Optional.empty();
            }

            @Override
            public Optional<byte[]> post(String url, String contentType, byte[] body) {
                return Optional.empty();
            }
        };
    }

    public Ades.Evidence evidence() {
        return new Ades.Evidence(timeStamps(), fetcher(), List.of(root));
    }

    public String rootPem() {
        return pem(root);
    }

    static String pem(X509Certificate certificate) {
        try (StringWriter out = new StringWriter(); JcaPEMWriter writer = new JcaPEMWriter(out)) {
            writer.writeObject(certificate);
            writer.flush();
            return out.toString();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A subscriber: key pair in memory behind a {@link KeySigner}, certificate under the root. */
    public record Subscriber(KeyPair pair, X509Certificate certificate, String algorithm) {

        KeySigner signer() {
            return signerOf(pair.getPrivate());
        }

        public Ades.Signer ades(TestPki pki, String name) {
            return new Ades.Signer(signer()::sign, algorithm, List.of(certificate, pki.root), name, "Ký hợp đồng", "Hà Nội");
        }
    }

    /** A key in memory behind the custody interface: it signs, the test never reads it back. */
    static KeySigner signerOf(java.security.PrivateKey key) {
        return (jca, data) -> {
            try {
                Signature s = Signature.getInstance(jca);
                s.initSign(key);
                s.update(data);
                return s.sign();
            } catch (java.security.GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        };
    }

    public Subscriber subscriber(String algorithm, String name) throws Exception {
        KeyPair pair = algorithm.startsWith("RSA") ? TestDevice.generate("RSA", new java.security.spec
                .RSAKeyGenParameterSpec(2048, java.security.spec.RSAKeyGenParameterSpec.F4))
                : TestDevice.generate("EC", new ECGenParameterSpec("secp256r1"));
        return new Subscriber(pair, issue(pair.getPublic(), "C=VN,CN=" + name, false), algorithm);
    }

    private static X509Certificate convert(org.bouncycastle.cert.X509CertificateHolder holder) throws Exception {
        return new JcaX509CertificateConverter().getCertificate(holder);
    }
}
