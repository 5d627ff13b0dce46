package vn.kyso.bench.jmh;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Provider;
import java.security.SecureRandom;
import java.security.Security;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.concurrent.TimeUnit;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AccessDescription;
import org.bouncycastle.asn1.x509.AuthorityInformationAccess;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

import vn.kyso.commons.crypto.custody.KeyAlgorithm;
import vn.kyso.commons.crypto.custody.SoftwareKeyCustody;

/**
 * End-entity certificates built, signed and DER-encoded per second by BouncyCastle alone, with the issuing CA key in
 * memory: the ceiling for ca-service's issuance (which also checks the CSR, verifies the result, persists it and
 * publishes an event). Extensions as Kyso's signing profile sets them.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(2)
@Fork(value = 3, jvmArgsAppend = {"-Xmx512m"})
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
public class CertificateBaseline {

    /** The issuing CA's key type (subject keys are EC P-256). */
    @Param({"EC-P256", "RSA-2048"})
    public String issuerKey;

    private final SecureRandom random = new SecureRandom();
    private KeyPair issuer;
    private KeyPair subject;
    private Provider provider;
    private String signatureAlgorithm;
    private X500Name issuerName;
    private JcaX509ExtensionUtils extensions;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        KeyAlgorithm type = KeyAlgorithm.fromWireName(issuerKey).orElseThrow();
        // The providers ca-service signs with: BouncyCastle for EC, the JDK for RSA.
        provider = type.jcaName().equals("EC") ? SoftwareKeyCustody.ecProvider() : Security.getProvider("SunRsaSign");
        signatureAlgorithm = type.signatureAlgorithm();
        KeyPairGenerator generator = KeyPairGenerator.getInstance(type.jcaName(), provider);
        generator.initialize(type.parameters());
        issuer = generator.generateKeyPair();
        KeyPairGenerator ec = KeyPairGenerator.getInstance("EC", SoftwareKeyCustody.ecProvider());
        ec.initialize(KeyAlgorithm.EC_P256.parameters());
        subject = ec.generateKeyPair();
        issuerName = new X500Name("CN=Kyso Bench Issuing CA,O=Kyso,C=VN");
        extensions = new JcaX509ExtensionUtils();
    }

    @Benchmark
    public byte[] buildAndSign() throws Exception {
        Instant now = Instant.now();
        X500Name subjectName = new X500Name("CN=Nguyễn Văn Bench,UID=CCCD:001090000001,C=VN");
        var builder = new JcaX509v3CertificateBuilder(issuerName, new BigInteger(127, random).setBit(126),
                Date.from(now), Date.from(now.plus(365, ChronoUnit.DAYS)), subjectName, subject.getPublic())
                .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature | KeyUsage.nonRepudiation))
                .addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(new KeyPurposeId[] {
                        KeyPurposeId.id_kp_emailProtection, KeyPurposeId.id_kp_clientAuth}))
                .addExtension(Extension.subjectKeyIdentifier, false,
                        extensions.createSubjectKeyIdentifier(subject.getPublic()))
                .addExtension(Extension.authorityKeyIdentifier, false,
                        extensions.createAuthorityKeyIdentifier(issuer.getPublic()))
                .addExtension(Extension.authorityInfoAccess, false, new AuthorityInformationAccess(
                        new AccessDescription(AccessDescription.id_ad_ocsp,
                                new GeneralName(GeneralName.uniformResourceIdentifier, "http://127.0.0.1:8083/ocsp"))));
        ContentSigner signer = new JcaContentSignerBuilder(signatureAlgorithm).setProvider(provider)
                .build(issuer.getPrivate());
        X509CertificateHolder certificate = builder.build(signer);
        return certificate.getEncoded();
    }
}
