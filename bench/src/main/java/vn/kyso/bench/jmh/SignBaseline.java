package vn.kyso.bench.jmh;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.Provider;
import java.security.SecureRandom;
import java.security.Security;
import java.security.Signature;
import java.util.concurrent.TimeUnit;

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
import vn.kyso.commons.crypto.custody.KeyCustody;
import vn.kyso.commons.crypto.custody.KeySigner;
import vn.kyso.commons.crypto.custody.Pkcs11KeyCustody;
import vn.kyso.commons.crypto.custody.SoftwareKeyCustody;

/**
 * Signatures per second over a SHA-256 digest, as CSC signHash asks for them: the raw JCA rate of the provider each
 * custody backend uses, and the same key type through Kyso's custody (per call: open and sign; per hash of an opened
 * key: sign).
 *
 * <p>The PKCS#11 cases need a SoftHSM2 token: {@code -Dkyso.bench.p11.slot} and {@code -Dkyso.bench.p11.pin}
 * (bench/run.sh jmh initialises one).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(2)
@Fork(value = 3, jvmArgsAppend = {"-Xmx512m"})
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
public class SignBaseline {

    static final String LIBRARY = "/usr/lib/softhsm/libsofthsm2.so";

    /** The subscriber key type. */
    @Param({"RSA-2048", "EC-P256"})
    public String key;

    /** {@code software} (SunRsaSign for RSA, BouncyCastle for EC) or {@code pkcs11} (SoftHSM2 via SunPKCS11). */
    @Param({"software", "pkcs11"})
    public String custody;

    private String algorithm;
    private byte[] toSign;
    private Provider rawProvider;
    private KeyPair rawPair;
    private KeyCustody keyCustody;
    private String reference;
    private byte[] binding;
    private KeySigner opened;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        KeyAlgorithm type = KeyAlgorithm.fromWireName(key).orElseThrow();
        boolean rsa = type.jcaName().equals("RSA");
        byte[] digest = MessageDigest.getInstance("SHA-256").digest("Kyso benchmark document".getBytes());
        // RSA signs the DigestInfo the caller built, ECDSA the bare digest: what signHash hands to custody.
        algorithm = rsa ? "NONEwithRSA" : "NONEwithECDSA";
        toSign = rsa ? digestInfo(digest) : digest;
        binding = new byte[32];
        new SecureRandom().nextBytes(binding);
        if (custody.equals("software")) {
            byte[] master = new byte[32];
            new SecureRandom().nextBytes(master);
            keyCustody = new SoftwareKeyCustody(master);
            // NONEwithRSA has no provider of its own in the JDK: Signature adapts SunJCE's RSA cipher to it, as the
            // software custody asks for it (no provider named), with SunRsaSign's keys.
            rawProvider = rsa ? null : SoftwareKeyCustody.ecProvider();
            KeyPairGenerator generator = rsa ? KeyPairGenerator.getInstance("RSA", "SunRsaSign")
                    : KeyPairGenerator.getInstance(type.jcaName(), rawProvider);
            generator.initialize(type.parameters());
            rawPair = generator.generateKeyPair();
        } else {
            long slot = Long.parseLong(required("kyso.bench.p11.slot"));
            String pin = required("kyso.bench.p11.pin");
            keyCustody = new Pkcs11KeyCustody("kyso-bench", LIBRARY, slot, 0, pin.toCharArray());
            // A second provider instance on the same token with a session key: the token's own rate.
            rawProvider = Security.getProvider("SunPKCS11").configure("--name = kyso-raw\nlibrary = " + LIBRARY
                    + "\nslot = " + slot + "\n");
            KeyStore.getInstance("PKCS11", rawProvider).load(null, pin.toCharArray());
            KeyPairGenerator generator = KeyPairGenerator.getInstance(type.jcaName(), rawProvider);
            generator.initialize(type.parameters());
            rawPair = generator.generateKeyPair();
        }
        reference = keyCustody.generate(type, "bench-" + key, binding).reference();
        opened = keyCustody.open(reference, binding);
    }

    /** The provider alone, no Kyso code: the baseline. */
    @Benchmark
    public byte[] raw() throws Exception {
        Signature signature = rawProvider == null ? Signature.getInstance(algorithm)
                : Signature.getInstance(algorithm, rawProvider);
        signature.initSign(rawPair.getPrivate());
        signature.update(toSign);
        return signature.sign();
    }

    /** A single-hash signHash's custody work: open the stored key (unwrap for software) and sign once. */
    @Benchmark
    public byte[] custodyOpenAndSign() {
        return keyCustody.open(reference, binding).sign(algorithm, toSign);
    }

    /** Each further hash of a multi-hash SAD: sign with the key opened for the call. */
    @Benchmark
    public byte[] custodySignOpened() {
        return opened.sign(algorithm, toSign);
    }

    static String required(String property) {
        String value = System.getProperty(property);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException(property + " is not set (bench/run.sh jmh prepares a SoftHSM2 token)");
        }
        return value;
    }

    /** DER DigestInfo for SHA-256: the fixed 19-byte prefix of RFC 8017 §9.2 note 1, then the digest. */
    static byte[] digestInfo(byte[] sha256) {
        byte[] prefix = java.util.HexFormat.of().parseHex("3031300d060960864801650304020105000420");
        byte[] out = new byte[prefix.length + sha256.length];
        System.arraycopy(prefix, 0, out, 0, prefix.length);
        System.arraycopy(sha256, 0, out, prefix.length, sha256.length);
        return out;
    }
}
